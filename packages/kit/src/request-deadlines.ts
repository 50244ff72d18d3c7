import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'

export interface RequestDeadlines {
  /** From a request's first byte to the end of its headers. */
  headersTimeoutMs: number
  /** From a request's first byte to the end of its body. */
  bodyTimeoutMs: number
}

export const DEFAULT_DEADLINES: Readonly<RequestDeadlines> = { headersTimeoutMs: 10_000, bodyTimeoutMs: 30_000 }

/** Node checks its deadlines every 30 s by default, so a deadline of 0.5 s could be missed by half a minute. */
const LONGEST_CHECK_INTERVAL_MS = 1_000

/**
 * The server options that make Node close a request that is late, with a 408
 * (client-errors.ts): its `headersTimeout` and `requestTimeout`, checked on
 * its timer over the requests not yet whole, nothing per request. Node
 * swaps the two when the headers' deadline is the longer, so it never is.
 */
export function deadlineOptions ({ headersTimeoutMs, bodyTimeoutMs }: RequestDeadlines): {
  requestTimeout: number
  http: { requestTimeout: number, headersTimeout: number, connectionsCheckingInterval: number }
} {
  const headersTimeout = Math.min(headersTimeoutMs, bodyTimeoutMs)
  return {
    requestTimeout: bodyTimeoutMs,
    http: {
      // Node compares headersTimeout with its own requestTimeout when the server is made.
      requestTimeout: bodyTimeoutMs,
      headersTimeout,
      connectionsCheckingInterval: Math.min(LONGEST_CHECK_INTERVAL_MS, Math.ceil(headersTimeout / 10))
    }
  }
}

/** Connections closed because their request missed a deadline, told apart from clients that hung up. */
const timedOut = new WeakSet<Socket>()

export function noteTimedOut (socket: Socket): void {
  timedOut.add(socket)
}

/**
 * Why a request's body never arrived whole: the server's deadline passed (its
 * 408 is already sent), or the client hung up. Undefined for a request that is
 * still whole.
 */
export function unfinishedRequest (raw: IncomingMessage): 'request timed out' | 'client aborted' | undefined {
  if (!raw.destroyed || raw.complete) return undefined
  return timedOut.has(raw.socket) ? 'request timed out' : 'client aborted'
}
