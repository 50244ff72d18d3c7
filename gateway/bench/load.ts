// Load from wrk (C, one thread) in its own process, so the servers keep most of the two cores.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

export interface Load {
  requests: number
  seconds: number
  perSecond: number
  p50Ms: number
  p99Ms: number
  /** Non-2xx answers, socket errors, and refusals a script counted (its `Refused answers: N` line). */
  errors: number
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 }

function latencyMs (output: string, percentile: string): number {
  const match = new RegExp(`^\\s*${percentile}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(output)
  return match ? Number(match[1]) * (UNIT_MS[match[2] ?? 'ms'] ?? 1) : Number.NaN
}

export async function runWrk (
  url: string,
  headers: Record<string, string>,
  options: { seconds: number, connections: number, script?: string }
): Promise<Load> {
  const args = ['-t1', `-c${options.connections}`, `-d${options.seconds}s`, '--latency']
  // A Lua script that writes each request (other methods, bodies, many users).
  if (options.script !== undefined) args.push('-s', options.script)
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`)
  const { stdout } = await promisify(execFile)('wrk', [...args, url], { maxBuffer: 1 << 20 })
  const total = /(\d+) requests in ([\d.]+)(ms|s|m)/.exec(stdout)
  if (!total) throw new Error(`unexpected wrk output:\n${stdout}`)
  const seconds = Number(total[2]) * (UNIT_MS[total[3] ?? 's'] ?? 1000) / 1000
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0)
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout)
  const socketErrors = socket ? socket.slice(1).reduce((sum, count) => sum + Number(count), 0) : 0
  const refused = Number(/Refused answers: (\d+)/.exec(stdout)?.[1] ?? 0)
  const requests = Number(total[1])
  return {
    requests,
    seconds,
    perSecond: requests / seconds,
    p50Ms: latencyMs(stdout, '50'),
    p99Ms: latencyMs(stdout, '99'),
    errors: non2xx + socketErrors + refused
  }
}

export async function hasCommand (name: string): Promise<boolean> {
  return promisify(execFile)('sh', ['-c', `command -v ${name}`]).then(() => true, () => false)
}
