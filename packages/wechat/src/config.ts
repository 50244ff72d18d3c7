import { RequiredInProduction } from '@driver/kit'
import { Type, type Static, type TObject } from 'typebox'

/**
 * The variables of a process that talks to WeChat, to spread into its config
 * schema (`serviceConfigSchema(port, { ...WechatConfigProperties, … })`).
 * Development and tests may leave the app id and secret unset: the all-in-one
 * mode points `WECHAT_API_URL` at the simulator and gives it its own pair.
 */
export const WechatConfigProperties = {
  /** Base of the official-account and OAuth APIs (`/cgi-bin/*`, `/sns/*`). */
  WECHAT_API_URL: Type.String({ pattern: '^https?://', default: 'https://api.weixin.qq.com' }),
  /** Host of the OAuth authorize page a browser is sent to (`/connect/oauth2/authorize`). */
  WECHAT_OPEN_URL: Type.String({ pattern: '^https?://', default: 'https://open.weixin.qq.com' }),
  WECHAT_APPID: RequiredInProduction(Type.String({ minLength: 1 })),
  WECHAT_SECRET: RequiredInProduction(Type.String({ minLength: 1 }))
}

/** The WECHAT_* values as a service's loaded config holds them. */
export type WechatConfig = Static<TObject<typeof WechatConfigProperties>>
