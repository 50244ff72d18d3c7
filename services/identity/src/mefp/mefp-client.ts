/**
 * MeFP, the unified-auth portal, as identity uses it. Its wire format is our
 * assumption (the portal's own document is not available), kept in this folder
 * only and written down in the service README.
 */
export interface MefpCheck {
  exists: boolean
  /** The app the account was registered with; '' when unknown or absent. */
  reg_app: string
  /** When MeFP registered it, `YYYY-MM-DD HH:mm:ss`; '' when absent. */
  reg_time: string
}

/**
 * Every method either resolves, or throws `MefpRefusedError` (MeFP answered and
 * said no: wrong password, unknown account, account exists…, with MeFP's message)
 * or `MefpUnavailableError` (down, timed out, or an answer we cannot read: the
 * caller answers 503 and stores nothing). Both live in `./mefp-errors.ts`.
 */
export interface MefpClient {
  login: (loginName: string, password: string) => Promise<void>
  register: (loginName: string, password: string) => Promise<void>
  check: (loginName: string) => Promise<MefpCheck>
  /** With the old password (a user changing theirs) or without it (a reset proven by SMS). */
  changePassword: (loginName: string, newPassword: string, oldPassword?: string) => Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    mefp: MefpClient
  }
}
