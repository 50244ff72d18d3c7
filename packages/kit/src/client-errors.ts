import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import { failureReply, type EnvelopeName } from './envelope.js'

/** What Node's HTTP parser refuses before a request exists: headers too large (431), or anything malformed (400). */
function describeClientError (error: { code?: string }): { status: number, code: string, message: string } {
  if (error.code === 'HPE_HEADER_OVERFLOW') return { status: 431, code: 'KIT_HEADERS_TOO_LARGE', message: '请求头过大' }
  return { status: 400, code: 'KIT_BAD_REQUEST', message: '请求格式错误' }
}

/**
 * Node's parser answers such requests itself with a bare status line; here they
 * get the envelope of the path they asked for. There is no route yet, so the
 * request line is all there is to tell `/wx` from the rest.
 */
export function answerClientError (error: Error & { code?: string, rawPacket?: unknown }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }
  const requestLine = Buffer.isBuffer(error.rawPacket) ? error.rawPacket.subarray(0, 256).toString('latin1') : ''
  const envelope: EnvelopeName = /^[A-Z]+ \/(wx|dev)(\/|\?| )/.test(requestLine) ? 'wx' : 'users'
  const described = describeClientError(error)
  // A malformed request is not a jQuery page: it keeps its real status in both envelopes.
  const { body } = failureReply(envelope, { ...described, refusal: true })
  const text = JSON.stringify(body)
  const status = `${described.status} ${STATUS_CODES[described.status] ?? ''}`
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`)
}
