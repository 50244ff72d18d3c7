/**
 * Every failure the bus produces, each with a stable `BUS_` code callers can branch on.
 * Messages name the message and the ids, never the payload.
 */
export class BusError extends Error {
  constructor (readonly code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'BusError'
  }
}

/** A payload or reply that does not match its contract; `issues` are JSON paths with what is wrong. */
export class BusInvalidMessageError extends BusError {
  constructor (readonly messageName: string, readonly issues: string[]) {
    super('BUS_INVALID_MESSAGE', `${messageName} does not match its contract: ${issues.join('; ')}`)
  }
}

export class BusUnknownMessageError extends BusError {
  constructor (readonly messageName: string, kind: 'event' | 'request') {
    super('BUS_UNKNOWN_MESSAGE', `No ${kind} contract is named "${messageName}"`)
  }
}

export class BusRequestTimeoutError extends BusError {
  constructor (readonly messageName: string, readonly timeout: number, readonly messageId: string) {
    super(
      'BUS_REQUEST_TIMEOUT',
      `${messageName} got no reply within ${timeout} ms (message ${messageId}); is a service handling it?`
    )
  }
}

/** The replying service threw; `remoteCode` is the code of what it threw. */
export class BusRemoteError extends BusError {
  constructor (readonly messageName: string, readonly remoteCode: string, remoteMessage: string) {
    super('BUS_REMOTE_ERROR', `${messageName} failed in the replying service: ${remoteCode}: ${remoteMessage}`)
  }
}

/** The broker could not be reached (or confirm a publish) within the allowed wait. */
export class BusUnavailableError extends BusError {
  constructor (what: string, options?: { cause?: unknown }) {
    super('BUS_UNAVAILABLE', `Message broker unavailable: ${what}`, options)
  }
}

/** The connection dropped after a request was sent, so its reply can no longer arrive. */
export class BusConnectionLostError extends BusError {
  constructor (readonly messageName: string, readonly messageId: string) {
    super('BUS_CONNECTION_LOST', `Connection lost while ${messageName} (message ${messageId}) waited for its reply`)
  }
}

export class BusClosedError extends BusError {
  constructor () {
    super('BUS_CLOSED', 'The bus is closed')
  }
}

/** The `code` a thrown value carries, so a failure can be reported without its stack. */
export function errorCode (error: unknown): string {
  const code = error instanceof Error && 'code' in error ? error.code : undefined
  return typeof code === 'string' && code !== '' ? code : 'UNKNOWN'
}
