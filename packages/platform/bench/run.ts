// A driver's requests end to end: the platform all-in-one and distributed on RabbitMQ, under wrk
// (16 connections, 64 WeChat users and 64 `/users` accounts round-robin), each process's CPU per
// request, req/s, p50/p99, RSS idle and after the load; CPU profiles of the write cases on request.
//
//   BENCH_ONLY='view|users'        cases whose name contains one of these (all by default)
//   BENCH_MODES='all-in-one'       modes to run: all-in-one, distributed (both by default)
//   BENCH_SECONDS=10               seconds of load per case, after BENCH_WARM_UP_SECONDS=3
//   BENCH_BASELINE=/path/checkout  also runs another checkout's all-in-one, to compare two versions in one run
//   BENCH_CPU_PROF=/path/folder    then runs each write case again with --cpu-prof and prints the top functions
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { execFileSync } from 'node:child_process'
import { generateSessionKeyPair } from '@driver/kit/session'
import { hasCommand } from '../../../gateway/bench/load.js'
import { platformCases, type Case } from './cases.js'
import { profileIn, topSelfTime } from './cpu-profile.js'
import { measure, rssMb, sample, type Counted, type Measured } from './measure.js'
import { benchVhost, RAISED_LIMITS, SIMULATED_APP, startAllInOne, startDistributed, startSimulator } from './modes.js'
import { comparisonTable, memoryTable, modeTable, type ModeResult } from './report.js'
import { credentialsOf, seedUsers } from './users.js'

const ONLY = process.env.BENCH_ONLY?.split('|').filter(Boolean) ?? []
const MODES = (process.env.BENCH_MODES ?? 'all-in-one|distributed').split('|')
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 3)
const BASELINE = process.env.BENCH_BASELINE
const PROFILE_DIR = process.env.BENCH_CPU_PROF
const USERS = 64
const HERE = resolve(new URL('../../..', import.meta.url).pathname)

if (!await hasCommand('wrk')) throw new Error('the platform benchmark needs wrk (apt-get install -y wrk)')

const keys = generateSessionKeyPair()
const tokenKeys = {
  secret: 'platform-bench-mefp-key-32-bytes',
  iv: 'platform-bench-i',
  hmacSecret: 'platform-bench-token-secret-0123456789'
}
const users = await credentialsOf({ sessionKey: keys.privateKey, tokenKeys }, USERS)
const simulator = await startSimulator()
const baseEnv: Record<string, string> = {
  LOG_LEVEL: 'info',
  DOCS: 'off',
  SESSION_PRIVATE_KEY: keys.privateKey,
  SESSION_PUBLIC_KEY: keys.publicKey,
  GATEWAY_ASSERTION_SECRET: 'platform-bench-assertion-secret-0123456789',
  MEFP_SECRET: tokenKeys.secret,
  APP_SECRET: tokenKeys.iv,
  TOKEN_SECRET: tokenKeys.hmacSecret,
  // Nothing here asks MeFP; an address that answers nothing keeps its simulator out of the processes.
  MEFP_URL: 'http://127.0.0.1:9',
  SMS_CODE_SECRET: 'platform-bench-sms-code-secret-0123456789',
  WECHAT_API_URL: simulator.url,
  ...SIMULATED_APP,
  ...RAISED_LIMITS
}
const cases = platformCases([]).filter(({ name }) => ONLY.length === 0 || ONLY.some((part) => name.includes(part)))
const scratch = mkdtempSync(join(tmpdir(), 'platform-bench-'))
const brokerPid = (): number => Number(execFileSync('pidof', ['-s', 'beam.smp'], { encoding: 'utf8' }).trim())

/** Each user's head image (downloaded from WeChat through media) and resume, as a driver's first visit leaves them. */
async function prepareUsers (url: string): Promise<string[]> {
  const post = async (path: string, cookie: string, fields: Record<string, string>) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields)
    })
    const body = await response.json() as Record<string, unknown>
    if (body.message !== 'success') throw new Error(`${path}: ${JSON.stringify(body)}`)
    return body
  }
  const images: string[] = []
  for (const user of users) {
    const photo = await post('/wx/auto_download/head_image', user.cookie, {
      server_id: 'sim-head', table_name: 'head_image'
    })
    images.push(String(photo.head_image))
    await post('/wx/resume/opt', user.cookie, { real_name: '张三' })
  }
  return images
}

let started = 0

interface TargetOptions { mode: string, root: string, label: string, nodeArgs?: (name: string) => string[] }

interface Target {
  label: string
  url: string
  counted: Counted[]
  cases: Case[]
  dir: string
  idle: number[]
  stop: () => Promise<void>
}

/** A mode started from a fresh data folder, its users prepared; measured later, case by case. */
async function startTarget ({ mode, root, label, nodeArgs = () => [] }: TargetOptions): Promise<Target> {
  const dir = mkdtempSync(join(scratch, `${label}-`))
  const dataDir = join(dir, 'data')
  const distributed = mode === 'distributed'
  await seedUsers(distributed
    ? { resumes: join(dataDir, 'resumes'), identity: join(dataDir, 'identity') }
    : { resumes: dataDir, identity: dataDir }, USERS)
  const vhost = distributed ? benchVhost(`platform-bench-${process.pid}-${++started}`) : undefined
  if (vhost) {
    process.once('exit', () => {
      try { vhost.remove() } catch { console.error(`could not remove the RabbitMQ vhost of ${label}`) }
    })
  }
  const env = { ...baseEnv, DATA_DIR: dataDir, ...(vhost ? { AMQP_URL: vhost.url } : {}) }
  const running = distributed
    ? await startDistributed(root, env, dir, Object.fromEntries(['identity', 'resumes', 'media', 'sms', 'gateway']
      .map((name) => [name, nodeArgs(name)])))
    : await startAllInOne(root, env, dir, nodeArgs('all-in-one'))
  const counted: Counted[] = running.processes.map(({ name, pid, log }) => ({ name, pid, log }))
  if (distributed) counted.push({ name: 'rabbitmq', pid: brokerPid() })
  const images = await prepareUsers(running.url)
  return {
    label, url: running.url, counted, cases: platformCases(images), dir, idle: counted.map(({ pid }) => rssMb(pid)),
    stop: running.stop
  }
}

/** Every target under one case in turn, so that a change in the machine's load falls on all of them alike. */
async function measureCase (bench: Case, targets: Target[], results: Map<string, Map<string, Measured>>) {
  for (const target of targets) {
    const withImages = target.cases.find(({ name }) => name === bench.name) ?? bench
    const before = await sample(target.url, withImages, users)
    if (!before.ok) console.log(`  ${target.label} ${bench.name}: not a success before the load: ${before.text}`)
    await measure(target.url, withImages, users, target.counted, { seconds: WARM_UP_SECONDS, dir: target.dir })
    const measured = await measure(target.url, withImages, users, target.counted, { seconds: SECONDS, dir: target.dir })
    const after = await sample(target.url, withImages, users)
    if (!after.ok) console.log(`  ${target.label} ${bench.name}: not a success after the load: ${after.text}`)
    results.get(target.label)?.set(bench.name, measured)
  }
}

async function runTargets (options: TargetOptions[], selected: Case[]): Promise<ModeResult[]> {
  const targets: Target[] = []
  try {
    for (const option of options) targets.push(await startTarget(option))
    const results = new Map(targets.map(({ label }) => [label, new Map<string, Measured>()]))
    for (const bench of selected) await measureCase(bench, targets, results)
    return targets.map(({ label, counted, idle }) => ({
      mode: label,
      results: results.get(label) ?? new Map(),
      rss: counted.map(({ name, pid }, i) => ({ name, idle: idle[i] ?? 0, after: rssMb(pid) }))
    }))
  } finally {
    for (const target of targets) await target.stop()
  }
}

const roots = [
  ...MODES.map((mode) => ({ mode, root: HERE, label: mode })),
  ...(BASELINE ? [{ mode: 'all-in-one', root: resolve(BASELINE), label: 'baseline-all-in-one' }] : [])
]
const modes = await runTargets(roots, cases)
for (const result of modes) console.log(`\n### ${result.mode}\n\n${modeTable(result)}\n`)
console.log(`\n### CPU per request\n\n${comparisonTable(modes)}\n\n### Memory\n\n${memoryTable(modes)}\n`)

if (PROFILE_DIR !== undefined) {
  for (const { mode, root, label } of roots.filter(({ label }) => !label.startsWith('baseline'))) {
    for (const bench of cases.filter(({ write }) => write)) {
      const folder = join(resolve(PROFILE_DIR), `${label}-${bench.name.replace(/[^a-z0-9]+/gi, '-')}`)
      const nodeArgs = (name: string) => ['--cpu-prof', `--cpu-prof-dir=${join(folder, name)}`]
      rmSync(folder, { recursive: true, force: true })
      const [result] = await runTargets([{ mode, root, label: `${label}-profiled`, nodeArgs }], [bench])
      const measured = result?.results.get(bench.name)
      const cpu = measured?.cpu ?? {}
      const [hottest = 'all-in-one'] = Object.entries(cpu).filter(([name]) => name !== 'rabbitmq')
        .sort((a, b) => b[1] - a[1]).map(([name]) => name)
      mkdirSync(join(folder, hottest), { recursive: true })
      const file = profileIn(join(folder, hottest))
      console.log(`\n#### ${label}: \`${bench.name}\`, ${hottest} (${file ?? 'no profile written'})\n`)
      for (const { name, share } of file ? topSelfTime(file, 15, measured?.window) : []) {
        console.log(`- ${(share * 100).toFixed(1)} % ${name}`)
      }
    }
  }
}

simulator.stop()
if (process.env.BENCH_KEEP === undefined) rmSync(scratch, { recursive: true, force: true })
process.exit(0)
