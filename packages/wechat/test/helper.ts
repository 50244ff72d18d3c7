import type { Logger } from '@driver/contracts'
import { openStore, type Store } from '@driver/store'
import { pino } from 'pino'
import type { Test } from 'tap'
import { createWechatClient, type WechatClient, type WechatClientOptions } from '../src/index.js'
import {
  startWechatSimulator, type StartedWechatSimulator, type WechatSimulatorOptions
} from '@driver/simulators/wechat'

export const APP_ID = 'wx-test-app'
export const APP_SECRET = 'test-app-secret-0123456789abcdef'

export interface WechatTest {
  simulator: StartedWechatSimulator
  store: Store
  /** Every line the clients (and the simulator) logged, as JSON text. */
  logs: string[]
  logger: Logger
  /** The clients' clock: read and moved by the test. */
  clock: { now: number }
  /** A new client instance on the test's store and simulator, closed after the test. */
  client: (overrides?: Partial<WechatClientOptions>) => WechatClient
}

/** Whatever a test runs on: a simulator on port 0, an embedded store in the test's folder, captured logs. */
export async function build (t: Test, simulatorOptions: Partial<WechatSimulatorOptions> = {}): Promise<WechatTest> {
  const logs: string[] = []
  const logger = pino({ level: 'debug' }, { write: (line: string) => { logs.push(line) } })
  const simulator = await startWechatSimulator({ appId: APP_ID, secret: APP_SECRET, logger, ...simulatorOptions })
  t.teardown(() => simulator.close())
  const store = await openTestStore(t)
  const clock = { now: Date.now() }
  return {
    simulator, store, logs, logger, clock,
    client (overrides = {}) {
      const client = createWechatClient({
        apiUrl: simulator.url,
        openUrl: simulator.url,
        appId: APP_ID,
        secret: APP_SECRET,
        store,
        logger,
        clock: () => clock.now,
        ...overrides
      })
      t.teardown(() => client.close())
      return client
    }
  }
}

/**
 * An embedded store in the test's folder; its closer is registered
 * before the folder exists (tap removes folders first).
 */
export async function openTestStore (t: Test): Promise<Store> {
  const opened: { store?: Store } = {}
  t.teardown(async () => { await opened.store?.close() })
  opened.store = await openStore({ service: 'media', dataDir: t.testdir() })
  return opened.store
}

/** Resolves to what `promise` rejects with, so a test can look at the error itself. */
export async function rejection (promise: Promise<unknown>): Promise<unknown> {
  return await promise.then(() => { throw new Error('expected a rejection') }, (error: unknown) => error)
}

export { consume } from '@driver/testing'
