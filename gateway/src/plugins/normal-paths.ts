import fp from 'fastify-plugin'
import { createError } from '@driver/kit'
import { isNormalPath } from '../normal-path.js'

export const PathNotNormalError = createError('GATEWAY_PATH_NOT_NORMAL', '请求路径无效', 400)

/**
 * Refuses every request whose path is not in its normal form (see
 * `normal-path.ts`) before the allow-list and the session check look at the
 * route, so what they judge is what the service receives. The refusal is in
 * the envelope of the path's prefix.
 */
export const normalPaths = fp(async (app) => {
  app.addHook('onRequest', (request, _reply, done) => {
    done(isNormalPath(request.url) ? undefined : new PathNotNormalError())
  })
}, { name: 'normal-paths' })
