// Instructions per proxied request, counted by valgrind's callgrind: the same count whatever else the machine is
// doing, where CPU time on a shared machine moves by half within minutes. The bare Fastify + @fastify/http-proxy
// (the floor of DESIGN §5), the gateway at LOG_LEVEL=silent with its metrics off and on (METRICS_PORT set), and,
// with BENCH_BASELINE, the gateway of another checkout, each run under callgrind in turn, are warmed up with
// instrumentation off, then counted over a fixed number of requests. Instructions are not time (a cache miss costs
// more than an add) but follow it closely enough to rank changes that CPU time cannot tell apart here.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { Pool } from 'undici'
import { createSessionSigner, generateSessionKeyPair } from '@driver/kit/session'
import { freePort, owned, waitUntilServing } from './processes.js'

const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 20_000)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5_000)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8)
const BASELINE = process.env.BENCH_BASELINE
/** Name prefixes separated by `|`, to count some targets only. */
const ONLY = process.env.BENCH_ONLY?.split('|') ?? []

const scratch = await mkdtemp(join(tmpdir(), 'gateway-instructions-'))
const keys = generateSessionKeyPair()
const userId = '64b7f0c2a1b2c3d4e5f60718'
const session = (await createSessionSigner(keys.privateKey))({ sub: userId })
const path = '/wx/self_info/view'

/** Under valgrind, or on a busy machine, a server takes minutes to start: up to 100 polls of ten seconds. */
async function started (url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      await waitUntilServing(url, child)
      return
    } catch (error) {
      if (child.exitCode !== null) throw error
    }
  }
  throw new Error(`${url} did not start`)
}

/** One of this package's TypeScript entry points, in its own process, under `wrapper` (valgrind) if given. */
async function startServer (
  script: string, env: Record<string, string>, readyPath: string, wrapper: string[] = []
): Promise<{ child: ChildProcess, url: string }> {
  const port = await freePort()
  const node = [process.execPath, '--import', 'tsx', '--conditions=driver-source', script]
  const [command = '', ...args] = [...wrapper, ...node]
  const child = owned(spawn(command, args, {
    cwd: here('..'),
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: 'ignore'
  }))
  const url = `http://127.0.0.1:${port}`
  await started(`${url}${readyPath}`, child)
  return { child, url }
}

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url))
const origin = await startServer(here('./origin.ts'), {}, '/healthz')
const gatewayEnv: Record<string, string> = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  SESSION_PUBLIC_KEY: keys.publicKey,
  DOCS: 'off',
  GATEWAY_ASSERTION_SECRET: 'bench-assertion-secret-0123456789abcdef',
  IDENTITY_URL: origin.url,
  RESUMES_URL: origin.url,
  MEDIA_URL: origin.url,
  SMS_URL: origin.url,
  RATE_LIMIT_MAX: String(1e9)
}

interface Target {
  name: string
  script: string
  env: Record<string, string>
  headers: Record<string, string>
  readyPath: string
}
const withSession = { cookie: `wx_session=${session}` }
const targets: Target[] = [
  {
    name: 'bare Fastify + @fastify/http-proxy',
    script: here('./fastify-proxy.ts'),
    env: { BENCH_UPSTREAM: origin.url },
    headers: { 'x-wx-user-id': userId },
    readyPath: '/users/x'
  },
  {
    name: 'gateway, LOG_LEVEL=silent',
    script: here('../src/server.ts'),
    env: gatewayEnv,
    headers: withSession,
    readyPath: '/healthz'
  },
  {
    name: 'gateway, LOG_LEVEL=silent, metrics on',
    script: here('../src/server.ts'),
    env: { ...gatewayEnv, METRICS_PORT: '0' },
    headers: withSession,
    readyPath: '/healthz'
  },
  ...(BASELINE === undefined
    ? []
    : [{
        name: `baseline gateway (${BASELINE}), LOG_LEVEL=silent`,
        script: join(resolve(BASELINE), 'gateway/src/server.ts'),
        env: gatewayEnv,
        headers: withSession,
        readyPath: '/healthz'
      }])
].filter((target) => ONLY.length === 0 || ONLY.some((prefix) => target.name.startsWith(prefix)))

/** Sends `count` requests on a few connections; the answers other than 200 are counted (and reported). */
async function send (url: string, headers: Record<string, string>, count: number): Promise<number> {
  const pool = new Pool(url, { connections: CONNECTIONS, pipelining: 1 })
  let left = count
  let failed = 0
  const worker = async (): Promise<void> => {
    while (left-- > 0) {
      try {
        const { statusCode, body } = await pool.request({ method: 'GET', path, headers })
        await body.dump()
        if (statusCode !== 200) failed++
      } catch {
        // Under valgrind a connection is sometimes reset; the request is counted as failed, not retried.
        failed++
      }
    }
  }
  await Promise.all(Array.from({ length: CONNECTIONS }, worker))
  await pool.close()
  return failed
}

const control = async (...args: string[]): Promise<void> => {
  // vgdb names its pipes after HOST, which the servers are given as their listening address.
  const env = { ...process.env, HOST: '127.0.0.1' }
  const { stdout } = await promisify(execFile)('callgrind_control', args, { env })
  if (!stdout.includes('OK.')) throw new Error(`callgrind_control ${args.join(' ')}: ${stdout}`)
}

async function count (target: Target, index: number): Promise<number> {
  const out = join(scratch, `callgrind.${index}`)
  const { child, url } = await startServer(target.script, target.env, target.readyPath, [
    'valgrind', '--tool=callgrind', '--smc-check=all-non-file', '--instr-atstart=no', `--callgrind-out-file=${out}`
  ])
  const pid = String(child.pid)
  await send(url, target.headers, WARM_UP)
  await control('-i', 'on', pid)
  const failed = await send(url, target.headers, REQUESTS)
  if (failed > 0) console.log(`${target.name}: ${failed} of ${REQUESTS} requests failed`)
  await control('-d', pid)
  await control('-i', 'off', pid)
  child.kill('SIGTERM')
  const dumps = (await readdir(scratch)).filter((file) => file.startsWith(`callgrind.${index}`))
  const totals = await Promise.all(dumps.map(async (file) => {
    const text = await readFile(join(scratch, file), 'utf8')
    return Number(/^(?:summary|totals): (\d+)/m.exec(text)?.[1] ?? 0)
  }))
  return Math.max(...totals) / REQUESTS
}

const counts: number[] = []
for (const [index, target] of targets.entries()) {
  const perRequest = await count(target, index)
  counts.push(perRequest)
  console.log(`${target.name}: ${Math.round(perRequest).toLocaleString('en')} instructions/request`)
}
const floor = counts[0]
if (floor !== undefined && targets[0]?.name.startsWith('bare Fastify')) {
  for (const [index, target] of targets.entries()) {
    if (index > 0) console.log(`${target.name} ÷ floor: ${((counts[index] ?? 0) / floor).toFixed(3)}`)
  }
}
const off = targets.findIndex((target) => target.name === 'gateway, LOG_LEVEL=silent')
const on = targets.findIndex((target) => target.name === 'gateway, LOG_LEVEL=silent, metrics on')
if (off >= 0 && on >= 0) {
  console.log(`gateway metrics on ÷ off: ${((counts[on] ?? 0) / (counts[off] ?? 1)).toFixed(3)} (goal ≤ 1.05)`)
}
origin.child.kill('SIGTERM')
process.exit(0)
