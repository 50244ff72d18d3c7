/** Headers the gateway always overwrites before a request reaches a service. */
export const REQUEST_ID_HEADER = 'x-request-id'
export const CLIENT_IP_HEADER = 'x-client-ip'
export const WX_USER_HEADER = 'x-wx-user-id'
/** The gateway's signature over the three above, the method and the URL (gateway-assertion.ts). */
export const ASSERTION_HEADER = 'x-gateway-assertion'

/** The cookie that carries a WeChat session. */
export const SESSION_COOKIE = 'wx_session'
