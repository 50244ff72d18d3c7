import type { MefpOperation } from '@driver/contracts/mefp'
import { Type } from 'typebox'

/**
 * How the simulator answers `/auth/*`: as MeFP, late, not at all (503 or a reset
 * connection), or with what MeFP never sends: `data` that does not decrypt
 * (`garbage`), a well encrypted answer of the wrong shape, a body that is not
 * JSON, an answer over 64 KiB, or a proper answer with HTTP 500.
 */
export const SIMULATOR_MODES = [
  'ok', 'slow', 'down', 'reset', 'garbage', 'wrong-shape', 'not-json', 'oversized', 'server-error'
] as const
export type SimulatorMode = (typeof SIMULATOR_MODES)[number]

export const SimulatedAccountSchema = Type.Object({
  password: Type.String(),
  /** The app the account was registered with. */
  reg_app: Type.String(),
  /** `YYYY-MM-DD HH:mm:ss`, as MeFP is assumed to write it. */
  reg_time: Type.String()
})
export interface SimulatedAccount {
  password: string
  reg_app: string
  reg_time: string
}

/** What `<dataDir>/mefp.json` holds: the accounts, by login name. */
export const MefpStateSchema = Type.Object({ accounts: Type.Record(Type.String(), SimulatedAccountSchema) })

/** Requests per operation so far, counted as they arrive (refused and failed ones included). */
export type SimulatorCalls = Record<MefpOperation, number>

/**
 * What the simulator's refusals say: one code per reason. Login gives the same
 * message for an unknown account and a wrong password, as a portal should.
 */
export const SIMULATED_REFUSALS = {
  badRequest: { code: 1000, msg: '请求格式错误' },
  unknownAccount: { code: 1001, msg: '用户名或密码错误' },
  wrongPassword: { code: 1002, msg: '用户名或密码错误' },
  accountExists: { code: 1003, msg: '该账号已在统一认证平台注册' },
  wrongOldPassword: { code: 1004, msg: '原密码错误' },
  noSuchAccount: { code: 1005, msg: '账号不存在' }
} as const

export interface SimulatorState {
  mode: SimulatorMode
  /** How long `slow` waits before answering, ms. */
  delayMs: number
  accounts: Map<string, SimulatedAccount>
  calls: SimulatorCalls
  /** The app a `register` records. */
  regApp: string
  /** The `reg_time` a `register` records. */
  now: () => string
  /** Aborted when the simulator closes, so that a slow answer does not hold the process. */
  closing: AbortSignal
  /** Writes the accounts to the data folder after a change (nothing without one); done before the answer. */
  persist: () => Promise<void>
}
