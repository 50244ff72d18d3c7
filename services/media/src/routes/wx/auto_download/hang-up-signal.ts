import type { FastifyReply } from 'fastify'

/**
 * Aborts when the connection closes before the answer was written: the caller
 * (the gateway, for a driver who left the page) hung up, and a download in
 * progress for it would only store a photo nobody is told about.
 */
export function hangUpSignal (reply: FastifyReply): AbortSignal {
  const controller = new AbortController()
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort(new Error('the caller hung up'))
  })
  return controller.signal
}
