import type { StartedWechatSimulator } from '@driver/simulators/wechat'
import { MediaConfigSchema } from '@driver/media'
import { simulatorDataDir, withoutSimulators, type PlatformConfig } from './config.js'

/** The official account the simulator plays when the environment names none. */
export const SIMULATED_APP = { appId: 'wx-simulated-app', secret: 'simulated-app-secret-for-development' } as const

export interface WechatChoice {
  /** The WECHAT_* values every service is given. */
  settings: {
    WECHAT_API_URL: string, WECHAT_OPEN_URL: string, WECHAT_MP_URL: string
    WECHAT_APPID?: string, WECHAT_SECRET?: string
  }
  /** The simulator, when this process runs one. */
  simulator?: StartedWechatSimulator
  close: () => Promise<void>
}

type WechatSettings = 'NODE_ENV' | 'DATA_DIR' | 'WECHAT_API_URL' | 'WECHAT_OPEN_URL' | 'WECHAT_MP_URL' |
  'WECHAT_APPID' | 'WECHAT_SECRET' | 'WECHAT_PUSH_TOKEN' | 'WECHAT_ENCODING_AES_KEY'

/** WeChat's real URLs, as the services' own configuration defaults them. */
const defaultOf = (name: 'WECHAT_API_URL' | 'WECHAT_OPEN_URL' | 'WECHAT_MP_URL'): string =>
  String((MediaConfigSchema.properties[name] as { default?: string }).default)

/**
 * Where the services find WeChat. Outside production, and unless the environment
 * names a WeChat API, the all-in-one mode starts the WeChat simulator on a
 * loopback port (DESIGN §4), its people kept under DATA_DIR/simulators, and
 * points the WeChat URLs at it, with the given app id and secret or fixed
 * development ones. Otherwise it is the given or real API.
 */
export async function wechatOrSimulator (config: Pick<PlatformConfig, WechatSettings>): Promise<WechatChoice> {
  const { NODE_ENV, WECHAT_API_URL, WECHAT_OPEN_URL, WECHAT_MP_URL, WECHAT_APPID, WECHAT_SECRET } = config
  if (NODE_ENV === 'production' || WECHAT_API_URL !== undefined) {
    return {
      settings: {
        WECHAT_API_URL: WECHAT_API_URL ?? defaultOf('WECHAT_API_URL'),
        WECHAT_OPEN_URL: WECHAT_OPEN_URL ?? defaultOf('WECHAT_OPEN_URL'),
        WECHAT_MP_URL: WECHAT_MP_URL ?? defaultOf('WECHAT_MP_URL'),
        WECHAT_APPID,
        WECHAT_SECRET
      },
      close: async () => {}
    }
  }
  const appId = WECHAT_APPID ?? SIMULATED_APP.appId
  const secret = WECHAT_SECRET ?? SIMULATED_APP.secret
  // Loaded only here: @driver/simulators is a development dependency, absent from the image.
  const { startWechatSimulator } = await import('@driver/simulators/wechat').catch(withoutSimulators('WECHAT_API_URL'))
  const { WECHAT_PUSH_TOKEN: token, WECHAT_ENCODING_AES_KEY: encodingAesKey } = config
  const simulator = await startWechatSimulator({
    appId,
    secret,
    host: '127.0.0.1',
    port: 0,
    nodeEnv: NODE_ENV,
    dataDir: simulatorDataDir(config),
    // Pushes go to the gateway's /wx/portal once it listens (platform.ts), safe mode when there is a key.
    ...(token === undefined ? {} : { push: { token, ...(encodingAesKey === undefined ? {} : { encodingAesKey }) } })
  })
  return {
    settings: {
      // The simulator also shows the QR codes it makes: a browser on this machine loads them from its address.
      WECHAT_API_URL: simulator.url,
      WECHAT_OPEN_URL: simulator.url,
      WECHAT_MP_URL: WECHAT_MP_URL ?? simulator.url,
      WECHAT_APPID: appId,
      WECHAT_SECRET: secret
    },
    simulator,
    close: () => simulator.close()
  }
}
