// The floor of DESIGN §5: a bare Fastify and @fastify/http-proxy in front of the same routes, with their defaults
// (no logger, reply-from's own undici agent, bodies passed on as streams, answers streamed back).
import Fastify from 'fastify'
import fastifyHttpProxy from '@fastify/http-proxy'

const upstream = process.env.BENCH_UPSTREAM ?? ''
const app = Fastify()
for (const prefix of ['/wx/self_info', '/users']) {
  await app.register(fastifyHttpProxy, { upstream, prefix, rewritePrefix: prefix })
}
await app.listen({ host: process.env.HOST, port: Number(process.env.PORT) })
process.on('SIGTERM', () => { void app.close().then(() => process.exit(0)) })
