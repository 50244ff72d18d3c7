// The top self-time functions of a V8 CPU profile (`node --cpu-prof`), as `--cpu-prof`'s viewers list them.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

interface ProfileNode { id: number, callFrame: { functionName: string, url: string, lineNumber: number } }
interface Profile { nodes: ProfileNode[], startTime: number, samples: number[], timeDeltas: number[] }

/** Microseconds on the monotonic clock V8's profiler stamps samples with (`process.hrtime`'s). */
export interface Window { from: number, to: number }

export const monotonicMicros = (): number => Number(process.hrtime.bigint() / 1000n)

export interface SelfTime { name: string, share: number }

const root = new URL('../../../', import.meta.url).pathname

function where ({ functionName, url, lineNumber }: ProfileNode['callFrame']): string {
  const file = url.replace('file://', '')
  const short = file.includes('node_modules/.pnpm/')
    ? file.replace(/.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '')
    : file.startsWith(root) ? relative(root, file) : file
  return `${functionName || '(anonymous)'} ${short === '' ? '' : `${short}:${lineNumber + 1}`}`.trim()
}

/** What is not the process at work: waiting, and the profiler's own bookkeeping. */
const NOT_WORK = new Set(['(idle)', '(program)'])

/**
 * Self time per function (summed over its nodes), largest first, as a share of the time the process
 * was at work (idle time left out).
 */
export function topSelfTime (file: string, count: number, window?: Window): SelfTime[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
  const nameOf = new Map(profile.nodes.map((node) => [node.id, where(node.callFrame)]))
  const self = new Map<string, number>()
  let total = 0
  let at = profile.startTime
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0
    at += delta
    // Only the samples of the measured load: start-up (compiling TypeScript) and the warm-up left out.
    if (window !== undefined && (at < window.from || at > window.to)) return
    const name = nameOf.get(id) ?? '?'
    if (NOT_WORK.has(name)) return
    self.set(name, (self.get(name) ?? 0) + delta)
    total += delta
  })
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, count)
    .map(([name, micros]) => ({ name, share: micros / total }))
}

/** The one profile a process wrote into `dir`. */
export function profileIn (dir: string): string | undefined {
  const found = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'))
  return found === undefined ? undefined : join(dir, found)
}
