import fp from 'fastify-plugin'
import type { IdentityConfig } from '../../config.js'
import { createMefpClient } from '../../mefp/client.js'
import type { MefpClient } from '../../mefp/mefp-client.js'
import { MefpUnavailableError } from '../../mefp/mefp-errors.js'

export interface MefpOptions {
  config: Pick<IdentityConfig, 'MEFP_URL' | 'MEFP_SECRET' | 'APP_SECRET' | 'MEFP_TIMEOUT_MS'>
  /** Tests hand in a client; otherwise one is made from the configuration. */
  client?: MefpClient
}

/** Every call fails as an outage: what a service started without MeFP settings (development only) can say. */
const unconfigured = (): MefpClient => {
  const fail = async (): Promise<never> => { throw new MefpUnavailableError({ cause: new Error('MEFP_URL, MEFP_SECRET or APP_SECRET is not set') }) }
  return { login: fail, register: fail, check: fail, changePassword: fail }
}

/**
 * MeFP, the unified-auth portal (`app.mefp`, the interface of
 * `mefp/mefp-client.ts`). Production requires its settings; a service started
 * alone in development without them answers 503 to what needs MeFP (the
 * all-in-one mode gives it the simulator instead).
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
