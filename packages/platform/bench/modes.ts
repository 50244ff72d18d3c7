// The platform as the benchmark runs it: all-in-one (one process, in-process bus, embedded store) or
// distributed (one process per service and the gateway, on RabbitMQ), every process at LOG_LEVEL=info
// with its log in a file, on a WeChat simulator of its own process.
import { execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { openSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { freePort, owned, type Started } from '../../../gateway/bench/processes.js'

export interface Process extends Started { name: string, log: string }
export interface Running { processes: Process[], url: string, stop: () => Promise<void> }

/** The limits a single load generator would otherwise run into, raised for the benchmark only. */
export const RAISED_LIMITS = {
  RATE_LIMIT_MAX: String(1e9),
  SMS_IP_SENDS_PER_HOUR: String(1e9),
  SMS_IP_CHECKS_PER_HOUR: String(1e9),
  SMS_SENDS_PER_HOUR: String(1e9),
  SMS_SENDS_PER_DAY: String(1e9),
  MEDIA_USER_IMAGES_PER_DAY: '100000',
  MEDIA_USER_IMAGES_TOTAL: '10000000',
  MEDIA_USER_BYTES_PER_DAY: String(2 ** 40)
}

export const SIMULATED_APP = { WECHAT_APPID: 'wx-bench-app', WECHAT_SECRET: 'bench-app-secret-0123456789' }
const START_TIMEOUT_MS = 90_000
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url))

/** The WeChat simulator in a process of its own (media's benchmark entry), so its CPU is no service's. */
export async function startSimulator (): Promise<{ url: string, stop: () => void }> {
  const child = owned(spawn(process.execPath, [
    '--import', 'tsx', '--conditions=driver-source', here('../../../services/media/bench/simulator-process.ts')
  ], { stdio: ['ignore', 'pipe', 'inherit'] }))
  const lines = createInterface({ input: child.stdout ?? process.stdin })
  const [line] = await once(lines, 'line') as [string]
  return { url: line.replace('listening ', ''), stop: () => child.kill('SIGTERM') }
}

async function startProcess (
  name: string, entry: string, env: Record<string, string>, dir: string, nodeArgs: string[]
): Promise<Process> {
  const log = join(dir, `${name}.log`)
  const port = await freePort()
  const output = openSync(log, 'a')
  const child = owned(spawn(process.execPath, [...nodeArgs, '--import', 'tsx', '--conditions=driver-source', entry], {
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) }, stdio: ['ignore', output, output]
  }))
  const url = `http://127.0.0.1:${port}`
  // Compiling TypeScript on first start takes a while on a busy machine.
  for (const deadline = Date.now() + START_TIMEOUT_MS; ;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}; its log: ${log}`)
    if (await fetch(`${url}/readyz`).then((response) => response.ok, () => false)) break
    if (Date.now() > deadline) throw new Error(`${name} was not ready within ${START_TIMEOUT_MS} ms; its log: ${log}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return { pid: child.pid ?? 0, url, stop: () => child.kill('SIGTERM'), name, log }
}

async function stopAll (processes: Process[]): Promise<void> {
  await Promise.all(processes.map(async ({ pid, stop }) => {
    stop()
    // The process is gone (its CPU profile written) when /proc no longer has it.
    for (let i = 0; i < 400; i++) {
      try { execFileSync('kill', ['-0', String(pid)], { stdio: 'ignore' }) } catch { return }
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }))
}

/** `root` is the checkout whose platform runs (this one, or a baseline's). */
export async function startAllInOne (
  root: string, env: Record<string, string>, dir: string, nodeArgs: string[] = []
): Promise<Running> {
  const process = await startProcess('all-in-one', join(root, 'packages/platform/src/main.ts'), env, dir, nodeArgs)
  return { processes: [process], url: process.url, stop: async () => await stopAll([process]) }
}

const SERVICES = ['identity', 'resumes', 'media', 'sms'] as const
export type ServiceName = typeof SERVICES[number] | 'gateway'

/** Each service with its own data folder `<dataDir>/<name>`, then the gateway in front of them. */
export async function startDistributed (
  root: string, env: Record<string, string>, dir: string, profiled: Partial<Record<ServiceName, string[]>> = {}
): Promise<Running> {
  const processes: Process[] = []
  const urls: Record<string, string> = {}
  for (const name of SERVICES) {
    const own = { ...env, DATA_DIR: join(env.DATA_DIR ?? dir, name) }
    const entry = join(root, `services/${name}/src/server.ts`)
    const started = await startProcess(name, entry, own, dir, profiled[name] ?? [])
    processes.push(started)
    urls[`${name.toUpperCase()}_URL`] = started.url
  }
  processes.push(await startProcess('gateway', join(root, 'gateway/src/server.ts'), { ...env, ...urls }, dir,
    profiled.gateway ?? []))
  return { processes, url: processes.at(-1)?.url ?? '', stop: async () => await stopAll(processes) }
}

/** A vhost of the run's own on the local RabbitMQ, for the guest user; removed by the returned function. */
export function benchVhost (name: string): { url: string, remove: () => void } {
  const rabbitmqctl = (...args: string[]) => execFileSync('rabbitmqctl', ['-q', ...args], { stdio: 'ignore' })
  rabbitmqctl('add_vhost', name)
  rabbitmqctl('set_permissions', '-p', name, 'guest', '.*', '.*', '.*')
  return { url: `amqp://guest:guest@127.0.0.1:5672/${name}`, remove: () => rabbitmqctl('delete_vhost', name) }
}
