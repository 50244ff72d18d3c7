import { ConfigError, loadConfig, serviceConfigSchema } from '@driver/kit'
import { WechatConfigProperties } from '@driver/wechat'
import { Type, type Static } from 'typebox'

const MIB = 1024 * 1024

/** WECHAT_JS_DOMAINS's form: host names and IPv4 addresses, commas or spaces between. */
export const JS_DOMAINS_PATTERN = '^[A-Za-z0-9.,\\s-]*$'

export const MediaConfigSchema = serviceConfigSchema(3003, {
  /** WECHAT_API_URL, WECHAT_OPEN_URL, WECHAT_APPID, WECHAT_SECRET: the official account the photos come through. */
  ...WechatConfigProperties,
  /** Where WeChat shows a QR code's picture (`/cgi-bin/showqrcode?ticket=`); the simulator in the all-in-one mode. */
  WECHAT_MP_URL: Type.String({ pattern: '^https?://', default: 'https://mp.weixin.qq.com' }),
  /** The largest photo stored, downloaded or uploaded. */
  MEDIA_MAX_BYTES: Type.Integer({ minimum: 1024, maximum: 512 * MIB, default: 10 * MIB }),
  /**
   * How long one download from WeChat may take as a whole, ms (WeChat
   * must also start answering, and keep sending, within 10 s).
   */
  MEDIA_DOWNLOAD_TIMEOUT_MS: Type.Integer({ minimum: 1000, maximum: 600_000, default: 60_000 }),
  /**
   * Each WeChat user's upload quota: photos and bytes per calendar day (TIME_ZONE), photos
   * in all. A photo holds MEDIA_MAX_BYTES of the day's bytes until its real size is known.
   */
  MEDIA_USER_IMAGES_PER_DAY: Type.Integer({ minimum: 1, maximum: 100_000, default: 30 }),
  MEDIA_USER_BYTES_PER_DAY: Type.Integer({ minimum: 1024, maximum: 2 ** 40, default: 100 * MIB }),
  MEDIA_USER_IMAGES_TOTAL: Type.Integer({ minimum: 1, maximum: 10_000_000, default: 200 }),
  /** Hosts whose pages get a JS-SDK signature, comma-separated; none by default. */
  WECHAT_JS_DOMAINS: Type.String({ pattern: JS_DOMAINS_PATTERN, default: '' })
})
export type MediaConfig = Static<typeof MediaConfigSchema>

/**
 * A day's bytes below one photo's reservation would refuse every upload. Checked when the
 * variables are read and again when the service starts (the all-in-one process reads them
 * through its own schema).
 */
export function assertQuotaFits (config: Pick<MediaConfig, 'MEDIA_USER_BYTES_PER_DAY' | 'MEDIA_MAX_BYTES'>): void {
  if (config.MEDIA_USER_BYTES_PER_DAY < config.MEDIA_MAX_BYTES) {
    throw new ConfigError(['MEDIA_USER_BYTES_PER_DAY'], [
      `MEDIA_USER_BYTES_PER_DAY must be at least MEDIA_MAX_BYTES (${config.MEDIA_MAX_BYTES})`
    ])
  }
}

export function loadMediaConfig (env: Record<string, string | undefined>): MediaConfig {
  const config = loadConfig(MediaConfigSchema, env)
  assertQuotaFits(config)
  return config
}
