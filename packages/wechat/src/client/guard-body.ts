import { PassThrough, type Readable } from 'node:stream'

/**
 * The body as a stream whose failures are the client's own errors (a body
 * timeout or a connection reset becomes a `WechatError`), and whose early
 * end by the consumer (`destroy()`) releases the connection at once.
 */
export function guardBody (body: Readable, translate: (error: unknown) => unknown): Readable {
  const guarded = new PassThrough()
  body.on('error', (error) => guarded.destroy(translate(error) as Error))
  guarded.on('close', () => {
    if (!body.destroyed) body.destroy()
  })
  body.pipe(guarded)
  return guarded
}
