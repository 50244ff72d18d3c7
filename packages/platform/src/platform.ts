import { randomBytes } from 'node:crypto'
import { InProcessBroker } from '@driver/bus'
import { listenOn, type App } from '@driver/kit'
import { buildService } from '@driver/kit/service'
import { buildGateway, gatewayOptions, type Upstream } from '@driver/gateway'
import { identityService } from '@driver/identity'
import { mediaService } from '@driver/media'
import { resumesService } from '@driver/resumes'
import { smsService } from '@driver/sms'
import { sessionKeys, type PlatformConfig } from './config.js'

export interface Platform {
  gateway: App
  services: Record<Upstream, App>
  /** Stops the gateway first (its in-flight requests still need the services), then the services. */
  close: () => Promise<void>
}

/**
 * The all-in-one mode: the four services listen on loopback ports chosen by the
 * OS and the gateway proxies to them, exactly as it would across containers.
 */
export async function startPlatform (config: PlatformConfig): Promise<Platform> {
  const keys = sessionKeys(config)
  // The gateway signs what it asserts to the services; one process, one secret, unless given.
  const shared = { ...config, GATEWAY_ASSERTION_SECRET: config.GATEWAY_ASSERTION_SECRET ?? randomBytes(32).toString('hex') }
  // Without AMQP_URL the services share one in-process broker, as they would share RabbitMQ.
  const broker = new InProcessBroker()
  const services: Record<Upstream, App> = {
    identity: await buildService(identityService, { config: shared, broker }),
    resumes: await buildService(resumesService, { config: { ...shared, SESSION_PRIVATE_KEY: keys.privateKey }, broker }),
    media: await buildService(mediaService, { config: shared, broker }),
    sms: await buildService(smsService, { config: shared, broker })
  }
  const upstreams = {} as Record<Upstream, string>
  for (const [name, app] of Object.entries(services) as Array<[Upstream, App]>) {
    upstreams[name] = await app.listen({ host: '127.0.0.1', port: 0 })
  }
  const gateway = await buildGateway(gatewayOptions(shared, { upstreams, sessionPublicKey: keys.publicKey }))
  try {
    await listenOn(gateway, config.HOST, config.PORT)
  } catch (error) {
    await gateway.close()
    await Promise.all(Object.values(services).map((app) => app.close()))
    throw error
  }

  return {
    gateway,
    services,
    async close () {
      await gateway.close()
      await Promise.all(Object.values(services).map((app) => app.close()))
    }
  }
}
