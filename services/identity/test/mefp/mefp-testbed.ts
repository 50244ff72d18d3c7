import { pino } from 'pino'
import type { Test } from 'tap'
import { createMefpClient, type ClosableMefpClient, type MefpClientOptions } from '../../src/mefp/client.js'
import { startMefpSimulator, type MefpSimulatorOptions, type StartedMefpSimulator } from '@driver/simulators/mefp'

/** 32 and 16 bytes, as MEFP_SECRET and APP_SECRET must be; for these tests only. */
export const TEST_SECRET = 'mefp-test-key-0123456789abcdefgh'
export const TEST_IV = 'app-test-iv-0123'

export interface MefpTestbed {
  simulator: StartedMefpSimulator
  /** Every line the client and the simulator logged, as JSON text. */
  logs: string[]
  /** A client of the simulator (or of `url`), closed after the test. */
  client: (overrides?: Partial<MefpClientOptions>) => ClosableMefpClient
}

/** A simulator on a loopback port, captured logs at debug level, clients closed after the test. */
export async function mefpTestbed (t: Test, options: Partial<MefpSimulatorOptions> = {}): Promise<MefpTestbed> {
  const logs: string[] = []
  const logger = pino({ level: 'debug' }, { write: (line: string) => { logs.push(line) } })
  const simulator = await startMefpSimulator({ secret: TEST_SECRET, iv: TEST_IV, nodeEnv: 'test', logger, ...options })
  t.teardown(() => simulator.close())
  return {
    simulator,
    logs,
    client (overrides = {}) {
      const client = createMefpClient({ url: simulator.url, secret: TEST_SECRET, iv: TEST_IV, timeoutMs: 1000, logger, ...overrides })
      t.teardown(() => client.close())
      return client
    }
  }
}

/** Resolves to what `promise` rejects with, so a test can look at the error itself. */
export async function rejection (promise: Promise<unknown>): Promise<unknown> {
  return await promise.then(() => { throw new Error('expected a rejection') }, (error: unknown) => error)
}
