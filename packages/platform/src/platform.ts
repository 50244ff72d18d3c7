import { randomBytes } from 'node:crypto'
import { isIPv6 } from 'node:net'
import { InProcessBroker } from '@driver/bus'
import { listenOn, type App } from '@driver/kit'
import { buildService } from '@driver/kit/service'
import { buildGateway, gatewayOptions, type Upstream } from '@driver/gateway'
import { identityService } from '@driver/identity'
import { mediaService } from '@driver/media'
import { resumesService } from '@driver/resumes'
import { smsService } from '@driver/sms'
import type { StartedMefpSimulator } from '@driver/simulators/mefp'
import type { StartedWechatSimulator } from '@driver/simulators/wechat'
import { sessionKeys, type PlatformConfig } from './config.js'
import type { LogStream } from './log-output.js'
import { mefpOrSimulator } from './mefp-or-simulator.js'
import { wechatOrSimulator } from './wechat-or-simulator.js'

export interface Platform {
  gateway: App
  services: Record<Upstream, App>
  /** The WeChat simulator the services talk to, outside production unless WECHAT_API_URL is set. */
  wechatSimulator?: StartedWechatSimulator
  /** The MeFP simulator identity talks to, outside production unless MEFP_URL is set. */
  mefpSimulator?: StartedMefpSimulator
  /** Stops the gateway (its in-flight requests still need the services), then the services, then the simulators. */
  close: () => Promise<void>
}

/**
 * Where a login comes back to when WECHAT_OAUTH_CALLBACK_URL is unset: this process's
 * gateway as a browser on the same machine reaches it (a port chosen by the OS is
 * not known yet: the resumes service's own default then).
 */
export function callbackUrlOf (config: Pick<PlatformConfig, 'HOST' | 'PORT'>): string | undefined {
  if (config.PORT === 0) return undefined
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST
  return `http://${isIPv6(host) ? `[${host}]` : host}:${config.PORT}/wx/auth/callback`
}

/** A host WECHAT_JS_DOMAINS can name: a host name or an IPv4 address (WeChat's setting takes no IPv6). */
const NAMED_HOST = /^[A-Za-z0-9.-]+$/

/**
 * WECHAT_JS_DOMAINS when it is unset: outside production, the hosts a browser on this
 * machine reaches the gateway by (and HOST when it names one), so the site's own pages
 * get a JS-SDK configuration; in production only what is given.
 */
export function jsDomainsOf (
  config: Pick<PlatformConfig, 'NODE_ENV' | 'HOST' | 'WECHAT_JS_DOMAINS'>
): string {
  if (config.WECHAT_JS_DOMAINS !== undefined) return config.WECHAT_JS_DOMAINS
  if (config.NODE_ENV === 'production') return ''
  const own = new Set(['127.0.0.1', 'localhost'])
  if (config.HOST !== '0.0.0.0' && NAMED_HOST.test(config.HOST)) own.add(config.HOST.toLowerCase())
  return [...own].join(',')
}

/** The gateway as this machine reaches it: for the WeChat simulator's pushes, and for people (main.ts). */
export function gatewayUrl (gateway: App): string {
  const address = gateway.server.address()
  if (typeof address !== 'object' || address === null) return ''
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address
  return `http://${isIPv6(host) ? `[${host}]` : host}:${address.port}`
}

export interface StartOptions {
  /** Where every app writes its log lines; standard output unless given (main.ts, tests). */
  logStream?: LogStream
  /** Longest each service waits for RabbitMQ at start (AMQP_URL); 30 s unless given. */
  busConnectTimeoutMs?: number
}

/**
 * The all-in-one mode: the four services listen on loopback ports chosen by the
 * OS and the gateway proxies to them, exactly as it would across containers.
 */
export async function startPlatform (config: PlatformConfig, options: StartOptions = {}): Promise<Platform> {
  const keys = sessionKeys(config)
  const wechat = await wechatOrSimulator(config)
  const mefp = await mefpOrSimulator(config).catch(async (error: unknown) => { await wechat.close(); throw error })
  // The gateway signs what it asserts to the services; one process, one secret, unless given.
  const shared = {
    ...config,
    ...wechat.settings,
    ...mefp.settings,
    GATEWAY_ASSERTION_SECRET: config.GATEWAY_ASSERTION_SECRET ?? randomBytes(32).toString('hex'),
    WECHAT_OAUTH_CALLBACK_URL: config.WECHAT_OAUTH_CALLBACK_URL ?? callbackUrlOf(config),
    WECHAT_JS_DOMAINS: jsDomainsOf(config)
  }
  // Without AMQP_URL the services share one in-process broker, as they would share RabbitMQ.
  const broker = new InProcessBroker()
  const common = { broker, ...options }
  const services = {} as Record<Upstream, App>
  const closeServices = () => Promise.all(Object.values(services).map((app) => app.close()))
  let gateway: App | undefined
  try {
    services.identity = await buildService(identityService, { config: shared, ...common })
    const resumesConfig = { ...shared, SESSION_PRIVATE_KEY: keys.privateKey }
    services.resumes = await buildService(resumesService, { config: resumesConfig, ...common })
    services.media = await buildService(mediaService, { config: shared, ...common })
    services.sms = await buildService(smsService, { config: shared, ...common })
    const upstreams = {} as Record<Upstream, string>
    for (const [name, app] of Object.entries(services) as Array<[Upstream, App]>) {
      upstreams[name] = await app.listen({ host: '127.0.0.1', port: 0 })
    }
    gateway = await buildGateway({
      ...gatewayOptions(shared, { upstreams, sessionPublicKey: keys.publicKey }),
      ...(options.logStream === undefined ? {} : { logStream: options.logStream })
    })
    await listenOn(gateway, config.HOST, config.PORT)
    if (shared.WECHAT_PUSH_TOKEN !== undefined) wechat.simulator?.pushTo(`${gatewayUrl(gateway)}/wx/portal`)
  } catch (error) {
    await gateway?.close()
    await closeServices()
    await wechat.close()
    await mefp.close()
    throw error
  }

  const started = gateway
  return {
    gateway: started,
    services,
    ...(wechat.simulator === undefined ? {} : { wechatSimulator: wechat.simulator }),
    ...(mefp.simulator === undefined ? {} : { mefpSimulator: mefp.simulator }),
    async close () {
      await started.close()
      await closeServices()
      await wechat.close()
      await mefp.close()
    }
  }
}
