import fp from 'fastify-plugin'
import type { IdentityConfig } from '../../config.js'
import { MefpUnavailableError } from '../../errors.js'
import { createMefpClient } from './mefp/mefp-http-client.js'

/**
 * MeFP, the unified-auth portal, as identity uses it. Its wire format is our
 * assumption (the portal's own document is not available), kept in
 * `@driver/contracts/mefp` and written down in the service README.
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
 * caller answers 503 and stores nothing). Both live in `errors.ts`.
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

export interface MefpOptions {
  config: Pick<IdentityConfig, 'MEFP_URL' | 'MEFP_SECRET' | 'APP_SECRET' | 'MEFP_TIMEOUT_MS'>
  /** Tests hand in a client; otherwise one is made from the configuration. */
  client?: MefpClient
}

/** Every call fails as an outage: what a service started without MeFP settings (development only) can say. */
const unconfigured = (): MefpClient => {
  const fail = async (): Promise<never> => {
    throw new MefpUnavailableError({ cause: new Error('MEFP_URL, MEFP_SECRET or APP_SECRET is not set') })
  }
  return { login: fail, register: fail, check: fail, changePassword: fail }
}

/**
 * `app.mefp`, the MeFP client: over HTTP to MEFP_URL (mefp/mefp-http-client.ts).
 * Production requires its settings; a service started alone in development
 * without them answers 503 to what needs MeFP (the all-in-one mode gives it the
 * simulator instead).
 */
export const mefp = fp<MefpOptions>(async (app, { config, client }) => {
  if (client) {
    app.decorate('mefp', client)
    return
  }
  const { MEFP_URL: url, MEFP_SECRET: secret, APP_SECRET: iv, MEFP_TIMEOUT_MS: timeoutMs } = config
  if (url === undefined || secret === undefined || iv === undefined) {
    app.log.warn('MEFP_URL, MEFP_SECRET or APP_SECRET is not set: logins, registrations and checks answer 503')
    app.decorate('mefp', unconfigured())
    return
  }
  const own = createMefpClient({ url, secret, iv, timeoutMs, logger: app.log })
  app.decorate('mefp', own)
  app.addHook('onClose', () => own.close())
}, { name: 'mefp' })
