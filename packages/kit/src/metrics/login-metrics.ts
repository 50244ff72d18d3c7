import { Counter, type Registry } from 'prom-client'

/** Why a login failed; a bounded set, never the user. */
export type LoginFailureKind =
  /** `/users/login`: MeFP refused the login name and password. */
  | 'password'
  /** `/users/login`: MeFP accepted, the user center has no such user (activate first). */
  | 'not_activated'
  /** `/users/login`: the user is disabled. */
  | 'disabled'
  /** `/wx/auth/callback`: no login state, a reused or forged one. */
  | 'wx_state'
  /** `/wx/auth/callback`: the user declined WeChat's consent (no code). */
  | 'wx_declined'
  /** `/wx/auth/callback`: WeChat refused the code or could not be reached. */
  | 'wx_wechat'

export interface LoginMetrics {
  failed: (kind: LoginFailureKind) => void
  /** A login refused because its login name or client address is locked after too many failures. */
  lockedOut: () => void
}

/** `login_failures_total{kind}` and `login_lockouts_total`, on the registry of the service that logs users in. */
export function loginMetrics (registry: Registry): LoginMetrics {
  const failures = new Counter({
    name: 'login_failures_total', help: 'Failed logins, by kind', labelNames: ['kind'], registers: [registry]
  })
  const lockouts = new Counter({
    name: 'login_lockouts_total',
    help: 'Logins refused because the login name or client address is locked after too many failures',
    registers: [registry]
  })
  return {
    failed: (kind) => { failures.inc({ kind }) },
    lockedOut: () => { lockouts.inc() }
  }
}
