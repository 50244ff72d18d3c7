// Starting the benchmark's servers, each in its own process, and reading what each one spent.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'

const CLOCK_TICKS_PER_SECOND = 100

/** Every server the benchmark started stops with it, also when it fails half-way. */
const children: ChildProcess[] = []
process.on('exit', () => {
  for (const child of children) child.kill('SIGTERM')
})
export function owned (child: ChildProcess): ChildProcess {
  children.push(child)
  return child
}

/** User + system CPU of a process and all of its threads, in microseconds (/proc/<pid>/stat). */
export function cpuMicros (pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name may hold spaces and parentheses; the fields after it are plain.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[11]) + Number(fields[12])
  return ticks * (1e6 / CLOCK_TICKS_PER_SECOND)
}

/** The process and its direct children (nginx: the master and its worker). */
export function processTree (pid: number): number[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim()
  return [pid, ...(children === '' ? [] : children.split(' ').map(Number))]
}

export async function freePort (): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

/** Polls a URL until it answers 2xx: the server has started. */
export async function waitUntilServing (url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`)
    const ok = await fetch(url).then((response) => response.ok, () => false)
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`${url} did not start`)
}

export interface Started { pid: number, url: string, stop: () => void }

export interface StartOptions {
  readyPath: string
  stdout?: number | 'ignore'
  /** Given to node before the entry point (`--cpu-prof`). */
  nodeArgs?: string[]
}

/** A TypeScript entry point of this package in its own Node process, as `node --import tsx` runs it. */
export async function startNode (entry: string, env: Record<string, string>, options: StartOptions): Promise<Started> {
  const port = await freePort()
  const script = new URL(entry, import.meta.url).pathname
  const args = [...options.nodeArgs ?? [], '--import', 'tsx', '--conditions=driver-source', script]
  const child = owned(spawn(process.execPath, args, {
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', options.stdout ?? 'ignore', 'inherit']
  }))
  const url = `http://127.0.0.1:${port}`
  await waitUntilServing(`${url}${options.readyPath}`, child)
  return { pid: child.pid ?? 0, url, stop: () => child.kill('SIGTERM') }
}
