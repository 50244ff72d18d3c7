import { Readable } from 'node:stream'
import type { IncomingHttpHeaders } from 'node:http'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Dispatcher } from 'undici'
import { endToEndHeaders } from './hop-by-hop.js'
import { upstreamFailure } from './upstream-errors.js'

/** Answers up to this size are collected and sent in one write; larger ones (photos) stream. */
export const COLLECTED_ANSWER_BYTES = 64 * 1024

/** The client left before its answer came; the service's answer is dropped. */
class ClientGoneError extends Error {
  readonly code = 'GATEWAY_CLIENT_GONE'
}

/**
 * Carries a service's answer to the client, as an undici dispatch handler:
 * status and end-to-end headers at once, then the body collected into one
 * buffer when it is small, or streamed with the service's connection paused
 * while the client is slow to read.
 */
class AnswerRelay implements Dispatcher.DispatchHandler {
  private statusCode = 0
  private headers: IncomingHttpHeaders = {}
  private chunks: Buffer[] | undefined
  private stream: Readable | undefined

  constructor (private readonly request: FastifyRequest, private readonly reply: FastifyReply) {}

  /** Present so that undici speaks to this handler in its current (controller) form. */
  onRequestStart (): void {}

  onResponseStart (controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    // Informational answers (103 Early Hints) are not relayed; the final one follows.
    if (statusCode < 200) return
    if (this.request.raw.socket?.destroyed) {
      controller.abort(new ClientGoneError())
      return
    }
    this.statusCode = statusCode
    this.headers = endToEndHeaders(headers)
    if (Number(headers['content-length']) <= COLLECTED_ANSWER_BYTES) {
      this.chunks = []
      return
    }
    this.stream = new Readable({
      read: () => controller.resume(),
      destroy: (error, done) => {
        if (!controller.aborted) controller.abort(error ?? new ClientGoneError())
        done(error)
      }
    })
    this.answer(this.stream)
  }

  onResponseData (controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.chunks) this.chunks.push(chunk)
    else if (this.stream && !this.stream.push(chunk)) controller.pause()
  }

  onResponseEnd (): void {
    if (this.chunks) this.answer(this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks))
    else this.stream?.push(null)
  }

  onResponseError (_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.stream) this.stream.destroy(error)
    else if (!this.reply.sent && !(error instanceof ClientGoneError)) this.reply.send(upstreamFailure(error))
  }

  /** Status and headers go out with the body, so a failure before it answers in the gateway's own envelope. */
  private answer (body: Buffer | Readable | undefined): void {
    try {
      this.reply.code(this.statusCode).headers(this.headers)
    } catch (error) {
      // A status Fastify cannot send.
      this.reply.send(upstreamFailure(error as Error))
      return
    }
    this.reply.send(body)
  }
}

/** Sends a request to a service over its pool; the answer (or a 503/504) goes to `reply`. */
export function relayToService (pool: Dispatcher, request: FastifyRequest, reply: FastifyReply, outgoing: Dispatcher.DispatchOptions): void {
  pool.dispatch(outgoing, new AnswerRelay(request, reply))
}
