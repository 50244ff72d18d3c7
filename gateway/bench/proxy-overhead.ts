// CPU per proxied request, in one run: the service called directly; in front of it, a bare Fastify with
// @fastify/http-proxy (the floor of DESIGN §5), a feature-free Node proxy and nginx (for information), and the
// gateway (its production server, its own process) at LOG_LEVEL=silent and info and on a route without a session.
// With BENCH_BASELINE, another checkout's gateway runs beside this one, at silent and at info.
// Each target's process CPU (user + sys, /proc/<pid>/stat) is divided by the requests it served; the goal is the
// gateway at silent within 1.2× the floor.
import { openSync, readFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createSessionSigner, generateSessionKeyPair } from '@driver/kit/session'
import { hasCommand, runWrk, type Load } from './load.js'
import { startNginx } from './nginx.js'
import { cpuMicros, processTree, startNode, type Started } from './processes.js'

const SECONDS = Number(process.env.BENCH_DURATION ?? 3)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10)
/** Name prefixes separated by `|` (names hold commas), to measure some targets only while working on them. */
const ONLY = process.env.BENCH_ONLY?.split('|') ?? []
const WARM_UP_SECONDS = 2
/** Another checkout of this repository: its gateway runs beside this one, to compare two versions in one run. */
const BASELINE = process.env.BENCH_BASELINE
/** A folder: the gateway at silent and the bare Fastify proxy write CPU profiles there when they stop. */
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROF
const profiled = CPU_PROFILE_DIR === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${resolve(CPU_PROFILE_DIR)}`]

if (!await hasCommand('wrk')) throw new Error('the gateway benchmark needs wrk (apt-get install -y wrk)')

const scratch = await mkdtemp(join(tmpdir(), 'gateway-bench-'))
const keys = generateSessionKeyPair()
const userId = '64b7f0c2a1b2c3d4e5f60718'
const session = (await createSessionSigner(keys.privateKey))({ sub: userId })
const sessionPath = '/wx/self_info/view'

const origin = await startNode('./origin.ts', {}, { readyPath: '/healthz' })
const gatewayEnv = (logLevel: string): Record<string, string> => ({
  NODE_ENV: 'production',
  LOG_LEVEL: logLevel,
  SESSION_PUBLIC_KEY: keys.publicKey,
  DOCS: 'off',
  GATEWAY_ASSERTION_SECRET: 'bench-assertion-secret-0123456789abcdef',
  IDENTITY_URL: origin.url,
  RESUMES_URL: origin.url,
  MEDIA_URL: origin.url,
  SMS_URL: origin.url,
  // One load generator is one client address.
  RATE_LIMIT_MAX: String(1e9)
})
const accessLog = join(scratch, 'gateway-info.log')
const gatewaySilent = await startNode('../src/server.ts', gatewayEnv('silent'), {
  readyPath: '/healthz',
  nodeArgs: profiled
})
// Each gateway process is sent one route, as the floor is, so that each figure is that of one route.
const gatewayOtherRoute = await startNode('../src/server.ts', gatewayEnv('silent'), { readyPath: '/healthz' })
const gatewayInfo = await startNode('../src/server.ts', gatewayEnv('info'), {
  readyPath: '/healthz',
  stdout: openSync(accessLog, 'w')
})
const baselineServer = BASELINE === undefined
  ? undefined
  : pathToFileURL(join(resolve(BASELINE), 'gateway/src/server.ts')).href
const gatewayBaseline = baselineServer === undefined
  ? undefined
  : await startNode(baselineServer, gatewayEnv('silent'), { readyPath: '/healthz' })
const baselineAccessLog = join(scratch, 'baseline-gateway-info.log')
const gatewayBaselineInfo = baselineServer === undefined
  ? undefined
  : await startNode(baselineServer, gatewayEnv('info'), {
    readyPath: '/healthz',
    stdout: openSync(baselineAccessLog, 'w')
  })
const fastifyProxy = await startNode('./fastify-proxy.ts', { BENCH_UPSTREAM: origin.url }, {
  readyPath: '/users/x',
  nodeArgs: profiled
})
const nodeProxy = await startNode('./node-proxy.ts', { BENCH_UPSTREAM: origin.url }, { readyPath: '/users/x' })
const nginx = await hasCommand('nginx') ? await startNginx(origin.url, scratch) : undefined
if (!nginx) console.log('nginx is not installed (apt-get install -y nginx-light): its row is left out')

interface Target {
  name: string
  server: Started
  url: string
  headers: Record<string, string>
  /** Counts its log lines: the gateway at info. */
  logFile?: string
}

// What the gateway adds for the service is given directly to the others, so the service does the same work.
const asTheGatewayWould = { 'x-wx-user-id': userId }
const withSession = { cookie: `wx_session=${session}` }
const target = (name: string, server: Started, headers: Record<string, string>, path = sessionPath): Target => ({
  name, server, url: `${server.url}${path}`, headers
})
const allTargets: Target[] = [
  target('service directly', origin, asTheGatewayWould),
  target('bare Fastify + @fastify/http-proxy', fastifyProxy, asTheGatewayWould),
  target('feature-free Node proxy (node:http + undici Pool)', nodeProxy, asTheGatewayWould),
  ...(nginx ? [target('nginx (proxy only, no access log)', nginx, asTheGatewayWould)] : []),
  target('gateway, LOG_LEVEL=silent', gatewaySilent, withSession),
  ...(gatewayBaseline
    ? [target(`baseline gateway (${BASELINE}), LOG_LEVEL=silent`, gatewayBaseline, withSession)]
    : []),
  target('gateway, LOG_LEVEL=silent, route without session', gatewayOtherRoute, {}, '/users/x'),
  { ...target('gateway, LOG_LEVEL=info', gatewayInfo, withSession), logFile: accessLog },
  ...(gatewayBaselineInfo
    ? [{
        ...target(`baseline gateway (${BASELINE}), LOG_LEVEL=info`, gatewayBaselineInfo, withSession),
        logFile: baselineAccessLog
      }]
    : [])
]

const targets = allTargets.filter((candidate) =>
  ONLY.length === 0 || ONLY.some((prefix) => candidate.name.startsWith(prefix)))

interface Measured extends Load {
  name: string
  /** Microseconds of CPU the target's processes and the service's spent while it was measured. */
  cpu: number
  originCpu: number
  cpuPerRequest: number
  originCpuPerRequest: number
  logLinesPerRequest?: number
}

const lineCount = (file: string): number => readFileSync(file, 'utf8').split('\n').filter((line) => line !== '').length
const processCpu = (server: Started): number => processTree(server.pid).reduce((sum, pid) => sum + cpuMicros(pid), 0)

async function measure (target: Target, warmUp: boolean): Promise<Measured> {
  if (warmUp) await runWrk(target.url, target.headers, { seconds: WARM_UP_SECONDS, connections: CONNECTIONS })
  const linesBefore = target.logFile ? lineCount(target.logFile) : 0
  const before = { front: processCpu(target.server), origin: cpuMicros(origin.pid) }
  const load = await runWrk(target.url, target.headers, { seconds: SECONDS, connections: CONNECTIONS })
  const front = processCpu(target.server) - before.front
  const originCpu = cpuMicros(origin.pid) - before.origin
  const measured: Measured = {
    name: target.name,
    ...load,
    cpu: front,
    originCpu,
    cpuPerRequest: front / load.requests,
    originCpuPerRequest: originCpu / load.requests
  }
  if (target.logFile) measured.logLinesPerRequest = (lineCount(target.logFile) - linesBefore) / load.requests
  return measured
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  if (sorted.length % 2 === 1) return sorted[middle] ?? Number.NaN
  return ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

// Many short rounds interleave the targets, so a slow spell of the shared machine (whose speed moves by half
// within minutes) falls on all of them alike; CPU per request is then pooled: all the CPU a target spent over
// all the requests it served.
const rounds: Measured[][] = targets.map(() => [])
for (let round = 0; round < ROUNDS; round++) {
  for (const [index, target] of targets.entries()) {
    const measured = await measure(target, round === 0)
    rounds[index]?.push(measured)
    console.log(`round ${round + 1}: ${target.name}: ${measured.cpuPerRequest.toFixed(1)} µs/request`)
  }
}
const results = rounds.map((runs): Measured => {
  const of = (pick: (run: Measured) => number | undefined): number => median(runs.map((run) => pick(run) ?? Number.NaN))
  const sum = (pick: (run: Measured) => number): number => runs.reduce((total, run) => total + pick(run), 0)
  const first = runs[0] as Measured
  return {
    name: first.name,
    requests: of((run) => run.requests),
    seconds: of((run) => run.seconds),
    perSecond: of((run) => run.perSecond),
    p50Ms: of((run) => run.p50Ms),
    p99Ms: of((run) => run.p99Ms),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    cpu: sum((run) => run.cpu),
    originCpu: sum((run) => run.originCpu),
    cpuPerRequest: sum((run) => run.cpu) / sum((run) => run.requests),
    originCpuPerRequest: sum((run) => run.originCpu) / sum((run) => run.requests),
    ...(first.logLinesPerRequest === undefined ? {} : { logLinesPerRequest: of((run) => run.logLinesPerRequest) })
  }
})

const byName = (prefix: string): Measured | undefined => results.find((result) => result.name.startsWith(prefix))
const direct = byName('service directly')
const floor = byName('bare Fastify')
const nodeFloor = byName('feature-free Node proxy')
const nginxResult = byName('nginx')
const silent = byName('gateway, LOG_LEVEL=silent')
const info = byName('gateway, LOG_LEVEL=info')
const baselineAt = (level: string): Measured | undefined =>
  results.find((result) => result.name.startsWith('baseline gateway') && result.name.endsWith(`LOG_LEVEL=${level}`))

const started = new Date().toISOString()
console.log(`\n${ROUNDS} round(s) of ${SECONDS} s per target (CPU pooled over them, the rest their median), ` +
  `wrk 1 thread, ${CONNECTIONS} connections, ` +
  `GET ${sessionPath}, ${started}\n`)
console.log('| target | req/s | ratio to direct | p50 ms | p99 ms | errors | CPU µs/request (this process) | ' +
  'service CPU µs/request |')
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const result of results) {
  const ratio = direct ? (result.perSecond / direct.perSecond).toFixed(2) : '–'
  console.log(`| ${result.name} | ${Math.round(result.perSecond)} | ${ratio} | ${result.p50Ms.toFixed(2)} | ` +
    `${result.p99Ms.toFixed(2)} | ${result.errors} | ${result.cpuPerRequest.toFixed(1)} | ` +
    `${result.originCpuPerRequest.toFixed(1)} |`)
}

const multiple = (of: Measured | undefined, to: Measured | undefined): number =>
  of && to ? of.cpuPerRequest / to.cpuPerRequest : Number.NaN
const shown = (value: number): string => Number.isNaN(value) ? '–' : value.toFixed(2)
const ratios: Array<{ what: string, value: number, goal?: number }> = [
  { what: 'gateway at silent ÷ bare Fastify + @fastify/http-proxy', value: multiple(silent, floor), goal: 1.2 },
  { what: 'gateway at info ÷ bare Fastify + @fastify/http-proxy', value: multiple(info, floor) },
  { what: 'gateway at silent ÷ Node proxy', value: multiple(silent, nodeFloor) },
  { what: 'gateway at silent ÷ nginx', value: multiple(silent, nginxResult) },
  { what: 'bare Fastify + @fastify/http-proxy ÷ Node proxy', value: multiple(floor, nodeFloor) },
  { what: 'Node proxy ÷ nginx', value: multiple(nodeFloor, nginxResult) },
  { what: 'gateway at silent ÷ baseline gateway at silent', value: multiple(silent, baselineAt('silent')) },
  { what: 'gateway at info ÷ baseline gateway at info', value: multiple(info, baselineAt('info')) }
]
console.log('\n| CPU per request | multiple | goal | met |')
console.log('| --- | ---: | ---: | --- |')
for (const { what, value, goal } of ratios.filter((ratio) => !Number.isNaN(ratio.value))) {
  const met = goal === undefined ? '' : value <= goal ? 'yes' : 'no'
  console.log(`| ${what} | ${shown(value)} | ${goal === undefined ? '' : `≤ ${goal}`} | ${met} |`)
}
for (const result of results.filter((candidate) => candidate.logLinesPerRequest !== undefined)) {
  console.log(`\nLog lines per request, ${result.name}: ${result.logLinesPerRequest?.toFixed(2)}`)
}

const servers = [
  gatewaySilent, gatewayOtherRoute, gatewayInfo, gatewayBaseline, gatewayBaselineInfo, fastifyProxy, nodeProxy, origin
]
for (const server of servers) server?.stop()
nginx?.stop()
