import type { FastifyPluginAsync } from 'fastify'
import { Type, type Static } from 'typebox'
import type { SimulatorContext } from '../simulator-context.js'

/** For tests in another process than the simulator: the same hooks as the object's, over HTTP. */
export const testHookRoutes: FastifyPluginAsync<SimulatorContext> = async (app, { credentials, calls, pusher }) => {
  app.post('/sim/invalidate-token', async () => ({ invalidated: credentials.invalidateTokens() }))
  app.get('/sim/calls', async () => calls)
  // `POST /sim/push?openid=…&event=subscribe&scene=…`: WeChat pushes that event now and answers how it went.
  app.post('/sim/push', { schema: { querystring: PushQuerySchema } }, async (request, reply) => {
    if (pusher.target?.url === undefined || pusher.target.url === '') {
      return reply.code(409).send({ error: 'no server address to push to' })
    }
    const { openid, event, scene } = request.query as Static<typeof PushQuerySchema>
    return pusher.push({ openid, event, ...(scene === undefined ? {} : { scene }) })
  })
}

const PushQuerySchema = Type.Object({
  openid: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }),
  event: Type.Union([
    Type.Literal('subscribe'), Type.Literal('unsubscribe'), Type.Literal('SCAN'), Type.Literal('text')
  ]),
  scene: Type.Optional(Type.String({ minLength: 1, maxLength: 64 }))
})
