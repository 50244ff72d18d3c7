import { createError, createExposedError } from '@driver/kit'

/**
 * Refusals of the account routes of `/users` (login, register, activate,
 * check, captcha, password reset, the token for MeFP), with real HTTP
 * statuses (DESIGN §3). MeFP's own refusals and outages are `IDENTITY_MEFP_*`
 * (mefp/mefp-errors.ts).
 */

/** MeFP accepted the password but the user center has no such user yet: the app shows its activation page. */
export const NotActivatedError = createError('IDENTITY_NOT_ACTIVATED', '该账号尚未激活，请先激活', 404)
/** MeFP refused the login name and password; its own reason is the message. */
export const LoginRefusedError = createError('IDENTITY_LOGIN_FAILED', '%s', 401)
export const LoginNameLockedError = createError('IDENTITY_LOGIN_LOCKED', '该账号登录失败次数过多，请%d分钟后再试', 429)
export const LoginAddressLockedError = createError('IDENTITY_LOGIN_IP_LOCKED', '登录失败次数过多，请%d分钟后再试', 429)

/** Register or activate a login name the user center already has. */
export const UserExistsError = createError('IDENTITY_USER_EXISTS', '该账号已存在，请直接登录', 409)
/** Register a login name MeFP already has: it is activated instead, and no SMS code is spent on it. */
export const AlreadyInMefpError = createError('IDENTITY_ALREADY_IN_MEFP', '该账号已在统一认证平台注册，请直接激活', 409)
/** Activate a login name MeFP does not know. */
export const NotInMefpError = createError('IDENTITY_NOT_IN_MEFP', '统一认证平台中不存在该账号，请先注册', 404)

/** The sms service refused the code (wrong, expired, too many tries); its reason is the message. */
export const CaptchaRefusedError = createError('IDENTITY_CAPTCHA_REFUSED', '%s', 400)
/** The sms service's sending limits (60 s apart, a daily cap); its reason is the message. */
export const CaptchaLimitedError = createError('IDENTITY_CAPTCHA_LIMITED', '%s', 429)
/** The SMS provider did not deliver; the user may try again. */
export const CaptchaNotSentError = createExposedError('IDENTITY_CAPTCHA_NOT_SENT', '%s', 502)

/** `POST /users/token` from an address outside MEFP_ALLOWED_IPS. */
export const TokenCallerRefusedError = createError('IDENTITY_TOKEN_CALLER_REFUSED', '禁止访问', 403)
/** `POST /users/token` with a body that does not decrypt to `{"login_name": "…"}`. */
export const TokenRequestUnreadableError = createError('IDENTITY_TOKEN_REQUEST_UNREADABLE', '请求数据无法解密', 400)
export const TokenUserNotFoundError = createError('IDENTITY_TOKEN_USER_NOT_FOUND', '用户不存在', 404)
/** MEFP_SECRET, APP_SECRET or TOKEN_SECRET missing (a service started alone in development): no token can be made. */
export const TokenKeysMissingError = createExposedError('IDENTITY_TOKEN_KEYS_MISSING', '登录服务未配置，请稍后再试', 503)
