import { Agent, createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { App } from '@driver/kit'
import { UPSTREAMS, type Upstream } from '../src/route-table.js'

type Tap = { teardown: (fn: () => unknown) => void }

export interface Received {
  service: Upstream
  method: string
  /** The request target exactly as it arrived. */
  url: string
}

export interface RecordingOrigins {
  upstreams: Record<Upstream, string>
  /** Every request any origin received, oldest first. */
  received: Received[]
}

/** One plain HTTP server per service that records every request target it receives and answers 200. */
export async function startRecordingOrigins (t: Tap): Promise<RecordingOrigins> {
  const received: Received[] = []
  const entries = await Promise.all(UPSTREAMS.map(async (service) => {
    const server = createServer((req, res) => {
      received.push({ service, method: req.method ?? '', url: req.url ?? '' })
      req.resume()
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ service, url: req.url }))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    t.teardown(() => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }))
    return [service, `http://127.0.0.1:${(server.address() as AddressInfo).port}`] as const
  }))
  return { upstreams: Object.fromEntries(entries) as Record<Upstream, string>, received }
}

export interface RawAnswer { status: number, body: string }

export type RawSend = (method: string, path: string, headers?: Record<string, string>) => Promise<RawAnswer>

/**
 * Listens and returns a client that sends the request target byte for byte:
 * `inject` and fetch resolve `.` segments before a request leaves, a browser
 * does too, a hostile client does not.
 */
export async function rawClient (t: Tap, gateway: App): Promise<RawSend> {
  await gateway.listen({ host: '127.0.0.1', port: 0 })
  const { port } = gateway.server.address() as AddressInfo
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  t.teardown(() => agent.destroy())
  return (method, path, headers = {}) => new Promise((resolve, reject) => {
    const sent = { host: '127.0.0.1', port, agent, method, path, headers: { 'content-type': 'text/plain', ...headers } }
    const req = request(sent, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => { body += chunk })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end(method === 'GET' || method === 'HEAD' ? undefined : 'ciphertext')
  })
}
