import { STATUS_CODES, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { failureReply, type EnvelopeName } from './envelope.js'
import { RequestTimeoutError } from './errors.js'
import { noteTimedOut } from './request-deadlines.js'

/**
 * What Node's parser refuses before a request exists: headers too large (431),
 * a request whose headers or body missed their deadline (408), or anything
 * malformed (400).
 */
function describeClientError (error: { code?: string }): { status: number, code: string, message: string } {
  if (error.code === 'HPE_HEADER_OVERFLOW') return { status: 431, code: 'KIT_HEADERS_TOO_LARGE', message: '请求头过大' }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    const { statusCode, code, message } = new RequestTimeoutError()
    return { status: statusCode ?? 408, code, message }
  }
  return { status: 400, code: 'KIT_BAD_REQUEST', message: '请求格式错误' }
}

/** The answer to the request in progress on a connection: Node's own link, which its default handler reads too. */
function answerInProgress (socket: Socket): ServerResponse | undefined {
  return (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage
}

/**
 * The path asked for: from the request line the parser refused, or, for a
 * request that missed its deadline after its headers, from the request itself.
 */
function requestedPath (error: { rawPacket?: unknown }, socket: Socket): string {
  if (!Buffer.isBuffer(error.rawPacket)) return answerInProgress(socket)?.req.url ?? ''
  return error.rawPacket.subarray(0, 256).toString('latin1').split(' ')[1] ?? ''
}

/**
 * Node's parser answers such requests itself with a bare status line; here they
 * get the envelope of the path they asked for. There is no route yet, so the
 * request line (or the request whose deadline passed) is all there is to tell
 * `/wx` from the rest. The connection is closed once the answer is written:
 * the client may still be sending, and ending only our side would leave it
 * open for as long as it does.
 */
export function answerClientError (error: Error & { code?: string, rawPacket?: unknown }, socket: Socket): void {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') noteTimedOut(socket)
  // An answer already begun (a 413 while the rest of the body still comes) cannot be followed by another.
  if (error.code === 'ECONNRESET' || !socket.writable || answerInProgress(socket)?.headersSent === true) {
    socket.destroy()
    return
  }
  const envelope: EnvelopeName = /^\/(wx|dev)(\/|\?|$)/.test(requestedPath(error, socket)) ? 'wx' : 'users'
  const described = describeClientError(error)
  // A malformed request is not a jQuery page: it keeps its real status in both envelopes.
  const { body } = failureReply(envelope, { ...described, refusal: true })
  const text = JSON.stringify(body)
  const status = `${described.status} ${STATUS_CODES[described.status] ?? ''}`
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`, () => socket.destroy())
}
