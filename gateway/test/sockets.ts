import { once } from 'node:events'
import { request, type IncomingHttpHeaders } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import type { App } from '@driver/kit'

type Tap = { teardown: (fn: () => unknown) => void }

/**
 * The gateway on a real socket, for what `inject` cannot show: 100 Continue, slow and chunked bodies,
 * closed connections.
 */
export async function listening (gateway: App): Promise<{ host: string, port: number }> {
  await gateway.listen({ host: '127.0.0.1', port: 0 })
  return { host: '127.0.0.1', port: (gateway.server.address() as AddressInfo).port }
}

export interface Answer { status: number, headers: IncomingHttpHeaders, body: string }

export interface Sent {
  headers?: Record<string, string>
  /** Written in pieces of this size, as a chunked body unless a content-length header is given. */
  body?: Buffer
  chunkSize?: number
  /** Waits for `100 Continue` before the body. */
  expectContinue?: boolean
}

/** One request on its own connection; a reset connection rejects. Resolves with whether 100 Continue came. */
export function send (
  address: { host: string, port: number },
  method: string,
  path: string,
  sent: Sent = {}
): Promise<Answer & { continued: boolean }> {
  return new Promise((resolve, reject) => {
    let continued = false
    const req = request({ ...address, method, path, agent: false, headers: sent.headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => { body += chunk })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, continued }))
      res.on('error', reject)
    })
    req.on('error', reject)
    const writeBody = (): void => {
      const body = sent.body ?? Buffer.alloc(0)
      const size = sent.chunkSize ?? (body.length || 1)
      for (let at = 0; at < body.length; at += size) req.write(body.subarray(at, at + size))
      req.end()
    }
    if (sent.expectContinue) {
      req.on('continue', () => { continued = true; writeBody() })
      req.flushHeaders()
    } else {
      writeBody()
    }
  })
}

/**
 * A connection the test writes raw bytes on; destroyed after the test. Half open, it goes on
 * sending after the server has ended its side, as a client that does not read would.
 */
export async function rawConnection (
  t: Tap, address: { host: string, port: number }, { halfOpen = false } = {}
): Promise<Socket> {
  const socket = connect({ port: address.port, host: address.host, allowHalfOpen: halfOpen })
  socket.on('error', () => { /* a reset is an outcome the test reads from the data, not a failure */ })
  t.teardown(() => socket.destroy())
  await once(socket, 'connect')
  return socket
}

/** Everything the server sends until it closes the connection (a reset after the answer included). */
export async function readUntilClosed (socket: Socket): Promise<string> {
  let received = ''
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => { received += chunk })
  if (!socket.closed) await new Promise((resolve) => socket.once('close', resolve))
  return received
}

/** Writes one byte every `everyMs` until the connection is closed, as a slow or hostile client does. */
export function trickle (socket: Socket, everyMs: number): void {
  const writing = setInterval(() => { if (!socket.destroyed) socket.write('x') }, everyMs)
  socket.once('close', () => clearInterval(writing))
}
