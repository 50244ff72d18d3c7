import { createServer, Agent, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SmsVerify } from '@driver/contracts'
import Value from 'typebox/value'
import { benchScope } from './bench-scope.js'
import { verifyRequest } from './fixtures.js'
import { fmt, percentile } from './report.js'
import { runConcurrently } from './run-concurrently.js'

const ROUND_TRIPS = 3_000
const WARM_UP = 300

interface Figures { perSecond: number, p50: number, p99: number }

async function measure (concurrency: number, call: () => Promise<unknown>): Promise<Figures> {
  await runConcurrently(WARM_UP, concurrency, call)
  const started = performance.now()
  const latencies = await runConcurrently(ROUND_TRIPS, concurrency, call)
  const elapsed = performance.now() - started
  latencies.sort((a, b) => a - b)
  return { perSecond: ROUND_TRIPS / elapsed * 1000, p50: percentile(latencies, 50), p99: percentile(latencies, 99) }
}

/** The same JSON in, the same schema check, the same JSON out, over loopback HTTP with keep-alive. */
async function httpBaseline (): Promise<{ call: () => Promise<unknown>, close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const ok = Value.Check(SmsVerify.payload, JSON.parse(Buffer.concat(chunks).toString()))
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify(ok ? { verified: true } : { verified: false, reason: 'bad', code: 'BAD' }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const agent = new Agent({ keepAlive: true, maxSockets: 64 })
  const body = JSON.stringify(verifyRequest)
  const call = (): Promise<unknown> => new Promise((resolve, reject) => {
    const options = {
      host: '127.0.0.1', port, method: 'POST', path: '/sms/verify', agent,
      headers: { 'content-type': 'application/json' }
    }
    const req = httpRequest(options, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())))
    })
    req.on('error', reject)
    req.end(body)
  })
  return { call, close: () => { agent.destroy(); return new Promise((resolve) => server.close(() => resolve())) } }
}

/** Request/reply round trips on RabbitMQ against an HTTP loopback call, in the same run. */
export async function benchRequestReply (): Promise<string[][]> {
  const scope = benchScope()
  const http = await httpBaseline()
  try {
    const sms = await scope.connect('sms')
    await sms.handle('sms.verify', () => ({ verified: true as const }))
    const identity = await scope.connect('identity')
    const viaBus = (): Promise<unknown> => identity.request('sms.verify', verifyRequest)

    const rows: string[][] = []
    for (const concurrency of [1, 16]) {
      const bus = await measure(concurrency, viaBus)
      const loopback = await measure(concurrency, http.call)
      rows.push(
        [
          `RabbitMQ request/reply, ${concurrency} at a time`,
          fmt(bus.perSecond), fmt(bus.p50, 2), fmt(bus.p99, 2), fmt(bus.perSecond / loopback.perSecond, 2)
        ],
        [
          `HTTP loopback, ${concurrency} at a time`,
          fmt(loopback.perSecond), fmt(loopback.p50, 2), fmt(loopback.p99, 2), '1.00'
        ]
      )
    }
    return rows
  } finally {
    await http.close()
    await scope.teardown()
  }
}
