import type { FastifyPluginAsync } from 'fastify'
import type { SimulatorContext } from '../simulator-context.js'

/** For tests in another process than the simulator: the same hooks as the object's, over HTTP. */
export const testHookRoutes: FastifyPluginAsync<SimulatorContext> = async (app, { credentials, calls }) => {
  app.post('/sim/invalidate-token', async () => ({ invalidated: credentials.invalidateTokens() }))
  app.get('/sim/calls', async () => calls)
}
