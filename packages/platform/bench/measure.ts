// One case under load: wrk with its script, and what every process spent meanwhile (/proc/<pid>/stat),
// the log lines they wrote, and their memory.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { cpuMicros } from '../../../gateway/bench/processes.js'
import { runWrk, type Load } from '../../../gateway/bench/load.js'
import { wrkScript, type Case } from './cases.js'
import type { BenchUser } from './users.js'
import { monotonicMicros, type Window } from './cpu-profile.js'

/** A process whose CPU is counted: the platform's, or the broker's. */
export interface Counted { name: string, pid: number, log?: string }

export interface Measured extends Load {
  /** CPU µs per request, per process. */
  cpu: Record<string, number>
  cpuTotal: number
  logLinesPerRequest: number
  /** When the load ran, on the CPU profiler's clock. */
  window: Window
}

let counter = 0

function lines (file: string | undefined): number {
  if (file === undefined) return 0
  const text = readFileSync(file)
  let count = 0
  for (const byte of text) if (byte === 10) count++
  return count
}

/** Resident memory of a process in MB (VmRSS). */
export function rssMb (pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024
}

export async function measure (
  url: string, bench: Case, users: BenchUser[], processes: Counted[], options: { seconds: number, dir: string }
): Promise<Measured> {
  const script = join(options.dir, `case-${++counter}.lua`)
  writeFileSync(script, wrkScript(bench, users, counter * 1_000_000))
  const cpuBefore = processes.map(({ pid }) => cpuMicros(pid))
  const linesBefore = processes.map(({ log }) => lines(log))
  const from = monotonicMicros()
  const load = await runWrk(url, {}, { seconds: options.seconds, connections: 16, script })
  const window = { from, to: monotonicMicros() }
  const cpu: Record<string, number> = {}
  let cpuTotal = 0
  let logLines = 0
  processes.forEach(({ name, pid, log }, i) => {
    const spent = (cpuMicros(pid) - (cpuBefore[i] ?? 0)) / Math.max(1, load.requests)
    cpu[name] = spent
    cpuTotal += spent
    logLines += lines(log) - (linesBefore[i] ?? 0)
  })
  return { ...load, cpu, cpuTotal, logLinesPerRequest: logLines / Math.max(1, load.requests), window }
}

/** What user 0's request of a case answers, so a refusal hiding behind a 200 is seen. */
export async function sample (url: string, bench: Case, users: BenchUser[]): Promise<{ ok: boolean, text: string }> {
  const [user] = users
  if (user === undefined) return { ok: false, text: 'no user' }
  const { headers, body } = bench.request(user, 0)
  const path = bench.path.replace(':id', String(user.accountId))
  const response = await fetch(`${url}${path}`, {
    method: bench.method, headers, body: body?.replace('NNNNNNNN', String(Date.now() % 1e8).padStart(8, '0'))
  })
  const text = await response.text()
  return { ok: response.status === 200 && /"message":"success"|"result":1/.test(text), text: text.slice(0, 200) }
}
