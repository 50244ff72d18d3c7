import { BusRequestTimeoutError } from './errors.js'

interface Pending {
  name: string
  resolve: (body: string) => void
  reject: (error: Error) => void
  timer: NodeJS.Timeout
  /** Which connection the request went out on; its reply cannot come back on another. */
  via: unknown
}

/** Requests waiting for their reply, keyed by the request's message id. */
export class PendingRequests {
  private readonly waiting = new Map<string, Pending>()

  get size (): number {
    return this.waiting.size
  }

  /** Starts the clock: the promise rejects with `BUS_REQUEST_TIMEOUT` unless `settle` comes first. */
  wait (messageId: string, name: string, timeout: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(messageId)
        reject(new BusRequestTimeoutError(name, timeout, messageId))
      }, timeout)
      this.waiting.set(messageId, { name, resolve, reject, timer, via: undefined })
    })
  }

  has (messageId: string): boolean {
    return this.waiting.has(messageId)
  }

  sentVia (messageId: string, via: unknown): void {
    const pending = this.waiting.get(messageId)
    if (pending !== undefined) pending.via = via
  }

  /** Returns false for a reply nobody waits for any more (it came after the timeout). */
  settle (messageId: string | undefined, body: string): boolean {
    const pending = messageId === undefined ? undefined : this.waiting.get(messageId)
    if (pending === undefined || messageId === undefined) return false
    this.waiting.delete(messageId)
    clearTimeout(pending.timer)
    pending.resolve(body)
    return true
  }

  fail (messageId: string, error: Error): void {
    const pending = this.waiting.get(messageId)
    if (pending === undefined) return
    this.waiting.delete(messageId)
    clearTimeout(pending.timer)
    pending.reject(error)
  }

  /** Fails the requests sent via `via` (or all of them), e.g. when that connection dropped. */
  failAll (makeError: (name: string, messageId: string) => Error, via?: unknown): void {
    for (const [messageId, pending] of this.waiting) {
      if (via === undefined || pending.via === via) this.fail(messageId, makeError(pending.name, messageId))
    }
  }
}
