import { formatDateTime } from '@driver/kit'
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { createMefpCodec, type MefpKeys } from '@driver/contracts/mefp'
import { simulatorRoutes } from './simulator-routes.js'
import type { SimulatedAccount, SimulatorCalls, SimulatorMode, SimulatorState } from './simulator-state.js'

export { SIMULATED_REFUSALS, SIMULATOR_MODES, type SimulatedAccount, type SimulatorCalls, type SimulatorMode } from './simulator-state.js'

export interface MefpSimulatorOptions extends MefpKeys {
  /** The process's NODE_ENV; `production` is refused (the simulator accepts any account it is given). */
  nodeEnv?: string
  /** Logs start and stop only: request lines are not logged. */
  logger?: FastifyBaseLogger
  /** The app a `register` records; default `driver`. */
  regApp?: string
  /** Accounts present from the start, by login name. */
  accounts?: Record<string, SimulatedAccount>
  /** When a `register` happens, for its `reg_time`; default now. */
  clock?: () => Date
}

export interface MefpSimulator {
  app: FastifyInstance
  /** Requests per operation so far, live. */
  calls: SimulatorCalls
  /** The accounts, live: tests may read and change them. */
  accounts: Map<string, SimulatedAccount>
  /** The same as `POST /sim/mode`. */
  setMode: (mode: SimulatorMode, delayMs?: number) => void
  /** The same as `POST /sim/accounts`. */
  addAccount: (loginName: string, account: Partial<SimulatedAccount> & { password: string }) => void
  close: () => Promise<void>
}

export type StartedMefpSimulator = MefpSimulator & { url: string }

/** The simulator refuses to exist in production: its accounts are whatever a test or a developer puts there. */
export class MefpSimulatorInProductionError extends Error {
  readonly code = 'IDENTITY_MEFP_SIMULATOR_IN_PRODUCTION'

  constructor () {
    super('the MeFP simulator never runs with NODE_ENV=production')
    this.name = 'MefpSimulatorInProductionError'
  }
}

/** MeFP's `/auth/*` in our assumed wire format (`wire-format.ts`), accounts in memory; not listening. */
export async function buildMefpSimulator (options: MefpSimulatorOptions): Promise<MefpSimulator> {
  if (options.nodeEnv === 'production') throw new MefpSimulatorInProductionError()
  const clock = options.clock ?? (() => new Date())
  const closing = new AbortController()
  const state: SimulatorState = {
    mode: 'ok',
    delayMs: 0,
    accounts: new Map(Object.entries(options.accounts ?? {})),
    calls: { login: 0, register: 0, check: 0, password: 0 },
    regApp: options.regApp ?? 'driver',
    now: () => formatDateTime(clock(), 'Asia/Shanghai'),
    closing: closing.signal
  }
  const app = Fastify({
    ...(options.logger === undefined ? {} : { loggerInstance: options.logger }),
    logController: new LogController({ disableRequestLogging: true }),
    // A test's close() must not wait for a client's idle keep-alive connection or a slow answer.
    forceCloseConnections: true
  })
  app.addHook('preClose', async () => { closing.abort() })
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
    },
    close: () => app.close()
  }
}

/** The simulator listening (port 0 on loopback by default), with the base URL to give `MEFP_URL`. */
export async function startMefpSimulator (options: MefpSimulatorOptions & { host?: string, port?: number }): Promise<StartedMefpSimulator> {
  const simulator = await buildMefpSimulator(options)
  const host = options.host ?? '127.0.0.1'
  await simulator.app.listen({ host, port: options.port ?? 0 })
  const address = simulator.app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : options.port ?? 0
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host
  const url = `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`
  options.logger?.info({ url }, 'MeFP simulator listening')
  return { ...simulator, url }
}
