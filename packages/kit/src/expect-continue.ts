import type { Server } from 'node:http'

/**
 * Node answers `Expect: 100-continue` with `100 Continue` as soon as the
 * headers are in, before any route has looked at them, so a client sends a
 * body that is then refused. Here the 100 goes out when the route starts
 * reading the body: a body Fastify refuses by its declared length (413 over
 * the route's `bodyLimit`), and a request refused before its body is read
 * (401, 403, 429), are answered without the client sending it. Only requests
 * that carry the expectation come this way.
 */
export function continueWhenBodyRead (server: Server): void {
  server.on('checkContinue', (request, response) => {
    // A stream starts flowing when its first reader attaches; Node dumps an unread body only after the answer.
    request.once('resume', () => {
      if (!response.headersSent) response.writeContinue()
    })
    server.emit('request', request, response)
  })
}
