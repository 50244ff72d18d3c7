import { join } from 'node:path'
import { formatDateTime } from '@driver/kit'
import { createMefpCodec, type MefpKeys } from '@driver/contracts/mefp'
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { listenForUrl, type ListenOptions } from '../listen.js'
import { refuseInProduction } from '../production-guard.js'
import { stateFile } from '../state-file.js'
import { simulatorRoutes } from './simulator-routes.js'
import {
  MefpStateSchema, type SimulatedAccount, type SimulatorCalls, type SimulatorMode, type SimulatorState
} from './simulator-state.js'

export {
  SIMULATED_REFUSALS, SIMULATOR_MODES, type SimulatedAccount, type SimulatorCalls, type SimulatorMode
} from './simulator-state.js'
export { SimulatorInProductionError } from '../production-guard.js'

/** The file under `dataDir` that keeps the accounts. */
export const MEFP_STATE_FILE = 'mefp.json'

export interface MefpSimulatorOptions extends MefpKeys {
  /** The process's NODE_ENV; `production` is refused (the simulator accepts any account it is given). */
  nodeEnv?: string
  /** Logs start and stop only: request lines are not logged. */
  logger?: FastifyBaseLogger
  /** The app a `register` records; default `driver`. */
  regApp?: string
  /** Accounts present from the start, by login name (the data folder's, if any, come on top). */
  accounts?: Record<string, SimulatedAccount>
  /** When a `register` happens, for its `reg_time`; default now. */
  clock?: () => Date
  /**
   * Where the accounts are kept across restarts (`<dataDir>/mefp.json`, read at start, written
   * after every change); without it they live in memory only.
   */
  dataDir?: string
}

export interface MefpSimulator {
  app: FastifyInstance
  /** Requests per operation so far, live. */
  calls: SimulatorCalls
  /** The accounts, live: tests may read them (a change made here is not written to the data folder). */
  accounts: Map<string, SimulatedAccount>
  /** The same as `POST /sim/mode`. */
  setMode: (mode: SimulatorMode, delayMs?: number) => void
  /** The same as `POST /sim/accounts`; written to the data folder before `close` resolves. */
  addAccount: (loginName: string, account: Partial<SimulatedAccount> & { password: string }) => void
  close: () => Promise<void>
}

export type StartedMefpSimulator = MefpSimulator & { url: string }

/** MeFP's `/auth/*` in our assumed wire format (`@driver/contracts/mefp`); not listening. */
export async function buildMefpSimulator (options: MefpSimulatorOptions): Promise<MefpSimulator> {
  refuseInProduction('MeFP', options.nodeEnv)
  const clock = options.clock ?? (() => new Date())
  const file = options.dataDir === undefined
    ? undefined
    : stateFile(join(options.dataDir, MEFP_STATE_FILE), MefpStateSchema)
  const kept = await file?.load()
  const accounts = new Map(Object.entries({ ...options.accounts, ...kept?.accounts }))
  const closing = new AbortController()
  const state: SimulatorState = {
    mode: 'ok',
    delayMs: 0,
    accounts,
    calls: { login: 0, register: 0, check: 0, password: 0 },
    regApp: options.regApp ?? 'driver',
    now: () => formatDateTime(clock(), 'Asia/Shanghai'),
    closing: closing.signal,
    persist: async () => { await file?.save(() => ({ accounts: Object.fromEntries(accounts) })) }
  }
  const app = Fastify({
    ...(options.logger === undefined ? {} : { loggerInstance: options.logger }),
    logController: new LogController({ disableRequestLogging: true }),
    // A test's close() must not wait for a client's idle keep-alive connection or a slow answer.
    forceCloseConnections: true
  })
  app.addHook('preClose', async () => { closing.abort() })
  app.addHook('onClose', async () => { await file?.flush() })
  await app.register(simulatorRoutes, { state, codec: createMefpCodec(options) })
  await app.ready()
  return {
    app,
    calls: state.calls,
    accounts: state.accounts,
    setMode (mode, delayMs = state.delayMs) {
      state.mode = mode
      state.delayMs = delayMs
    },
    addAccount (loginName, { password, reg_app: regApp = state.regApp, reg_time: regTime = state.now() }) {
      state.accounts.set(loginName, { password, reg_app: regApp, reg_time: regTime })
      state.persist().catch((error: unknown) => { app.log.error({ err: error }, 'MeFP simulator: accounts not saved') })
    },
    close: () => app.close()
  }
}

/** The simulator listening (port 0 on loopback by default), with the base URL to give `MEFP_URL`. */
export async function startMefpSimulator (
  options: MefpSimulatorOptions & ListenOptions
): Promise<StartedMefpSimulator> {
  const simulator = await buildMefpSimulator(options)
  const url = await listenForUrl(simulator.app, options)
  options.logger?.info({ url }, 'MeFP simulator listening')
  return { ...simulator, url }
}
