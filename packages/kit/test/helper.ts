import { BusUnavailableError, InProcessBroker, type Bus } from '@driver/bus'
import type { Contracts, EventPayload } from '@driver/contracts'
import { CommonConfigSchema, loadConfig, type App } from '../src/index.js'
import { buildService, type OutboxOptions, type ServiceDefinition, type ServiceOptions } from '../src/service/index.js'

/** The slice of a tap test the helpers use. */
export type Tap = { teardown: (fn: () => unknown) => void, testdir: () => string }

/** What a test's service shares with the gateway (GATEWAY_ASSERTION_SECRET). */
export const GATEWAY_SECRET = 'kit-test-gateway-secret-0123456789abcdef'

/** A service with nothing of its own: what buildService gives every service, and only that. */
export const bareService: ServiceDefinition<ServiceOptions> = {
  name: 'bare',
  description: 'A service with only what every service has.',
  app: async () => {}
}

export const phoneVerified: EventPayload<Contracts, 'sms.phone_verified'> = {
  wxUserId: '5f1d7c2e9a3b4c5d6e7f8091',
  phone: '13812345678',
  verifiedAt: '2024-05-01T08:00:00.000Z'
}

/** The same event about another user, to tell two events apart. */
export function phoneVerifiedBy (wxUserId: string): typeof phoneVerified {
  return { ...phoneVerified, wxUserId }
}

/** A bus whose `publish` fails as a broker outage would while `down` is set. */
export interface FlakyBus extends Bus {
  down: boolean
  /** Every publish attempt: when, of which message, and whether the broker took it. */
  readonly attempts: Array<{ at: number, messageId: string | undefined, ok: boolean }>
}

export function flakyBus (bus: Bus): FlakyBus {
  const flaky: FlakyBus = {
    down: false,
    attempts: [],
    service: bus.service,
    async publish (name, payload, options) {
      const attempt = { at: Date.now(), messageId: options?.messageId, ok: false }
      flaky.attempts.push(attempt)
      if (flaky.down) throw new BusUnavailableError(`publish of ${name} (outage in test)`)
      await bus.publish(name, payload, options)
      attempt.ok = true
    },
    subscribe: bus.subscribe.bind(bus),
    request: bus.request.bind(bus),
    handle: bus.handle.bind(bus),
    ping: bus.ping.bind(bus),
    close: bus.close.bind(bus)
  }
  return flaky
}

export interface KitTest {
  app: App
  broker: InProcessBroker
  /** Another service on the same broker, subscribing as resumes would. */
  peer: Bus
  /** The service's log lines, parsed. */
  logs: Array<{ level: string, msg: string } & Record<string, unknown>>
  /** Entries waiting in the service's outbox. */
  outboxSize: () => Promise<number>
}

export interface BuildOptions {
  outbox?: OutboxOptions
  /** The service's bus, made on the test's broker; the broker's own by default. */
  bus?: (broker: InProcessBroker) => Bus
  /** To start the service again on the data (and the broker) a previous build left. */
  dataDir?: string
  broker?: InProcessBroker
}

/** The bare service on a fresh data directory and its own in-process broker, closed after the test. */
export async function build (t: Tap, options: BuildOptions = {}): Promise<KitTest> {
  const broker = options.broker ?? new InProcessBroker()
  const logs: KitTest['logs'] = []
  const config = loadConfig(CommonConfigSchema, { LOG_LEVEL: 'info', DATA_DIR: options.dataDir ?? t.testdir() })
  const app = await buildService(bareService, {
    config,
    broker,
    bus: options.bus?.(broker),
    outbox: options.outbox,
    logStream: { write: (line: string) => { logs.push(JSON.parse(line)) } }
  })
  const peer = broker.connect('peer', { logger: app.log })
  t.teardown(async () => {
    await peer.close()
    await app.close()
    broker.close()
  })
  return { app, broker, peer, logs, outboxSize: () => app.store.collection('outbox').countDocuments() }
}
