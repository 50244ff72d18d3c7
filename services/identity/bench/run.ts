// `corepack pnpm bench` in services/identity: GET /users on the embedded store with 10,000 and 100,000 users.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { arch, cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { InProcessBroker } from '@driver/bus'
import { assertionHeaders, formatDateTime, type App } from '@driver/kit'
import { buildService } from '@driver/kit/service'
import { openStore } from '@driver/store'
import { identityService } from '../src/app.js'
import { loadIdentityConfig } from '../src/config.js'
import { issueUserToken } from '../src/domain/user-token.js'
import { ADMIN, seedUsers } from './seed-users.js'

const ASSERTION_SECRET = 'gateway-assertion-secret-for-the-bench'
const KEYS = {
  secret: '0123456789abcdef0123456789abcdef',
  iv: 'fedcba9876543210',
  hmacSecret: 'token-hmac-secret-for-the-identity-bench'
}
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number)
/** Each case runs until this much time or MAX_RUNS requests, and at least MIN_RUNS. */
const CASE_BUDGET_MS = Number(process.env.BENCH_CASE_MS ?? 4000)
const MIN_RUNS = 20
const MAX_RUNS = 500

const fmt = (n: number, digits = 1): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
const line = (cells: string[]): string => `| ${cells.join(' | ')} |`
const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN

function cases (size: number): Array<[string, string]> {
  const lastPage = Math.ceil(size * 0.98 / 20)
  return [
    ['no filter, page 1', ''],
    ['no filter, late page', `page_no=${lastPage}`],
    ['role=0&status=1&checked=1, page 1', 'role=0&status=1&checked=1'],
    ['role=0&status=1&checked=1, late page', `role=0&status=1&checked=1&page_no=${Math.floor(lastPage * 0.45)}`],
    ['keyword 司机1 (many), page 1', `keyword=${encodeURIComponent('司机1')}`],
    ['keyword 司机1 (many), late page', `keyword=${encodeURIComponent('司机1')}&page_no=${Math.floor(size / 9 / 20)}`],
    ['keyword .* (regex characters, few), page 1', `keyword=${encodeURIComponent('.*')}`],
    ['keyword + role + status, page 1', `keyword=${encodeURIComponent('杭州')}&role=0&status=1`]
  ]
}

async function measure (
  app: App,
  token: string,
  query: string
): Promise<{ runs: number, p50: number, p99: number, total: number }> {
  const url = query === '' ? '/users' : `/users?${query}`
  let total = 0
  const call = async (): Promise<number> => {
    const started = performance.now()
    const response = await app.inject({
      method: 'GET', url, headers: {
        authorization: `Bearer ${token}`,
        ...assertionHeaders(ASSERTION_SECRET, { method: 'GET', url, requestId: randomUUID(), clientIp: '10.0.0.1' })
      }
    })
    const elapsed = performance.now() - started
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`)
    total = (JSON.parse(response.body) as { total: number }).total
    return elapsed
  }
  for (let i = 0; i < 3; i++) await call()
  const times: number[] = []
  const until = performance.now() + CASE_BUDGET_MS
  while (times.length < MAX_RUNS && (times.length < MIN_RUNS || performance.now() < until)) times.push(await call())
  times.sort((a, b) => a - b)
  return { runs: times.length, p50: percentile(times, 0.5), p99: percentile(times, 0.99), total }
}

const cpu = cpus()[0]?.model.trim() ?? arch()
console.log(
  `# @driver/identity: GET /users — ${new Date().toISOString().slice(
    0,
    10
  )}, node ${process.version}, ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GB\n`
)
console.log(
  'In-process (app.inject) on the embedded store, as an administrator (role 9, area \'\'), page_size 20; ms per ' +
    'request.\n'
)

for (const size of SIZES) {
  const dataDir = mkdtempSync(join(tmpdir(), 'identity-bench-'))
  try {
    const seeding = performance.now()
    seedUsers(dataDir, size)
    const store = await openStore({ service: 'identity', dataDir })
    // The first read waits for the datafile to load: part of the seeding.
    await store.collection<{ _id: number }>('users').countDocuments({ _id: 1 })
    const seeded = (performance.now() - seeding) / 1000
    const config = loadIdentityConfig({
      LOG_LEVEL: 'silent', DATA_DIR: dataDir, GATEWAY_ASSERTION_SECRET: ASSERTION_SECRET, MEFP_SECRET: KEYS.secret,
      APP_SECRET: KEYS.iv, TOKEN_SECRET: KEYS.hmacSecret
    })
    const app = await buildService(identityService, { config, store, broker: new InProcessBroker() })
    try {
      const token = issueUserToken(
        { ...ADMIN, reg_time: formatDateTime(ADMIN.reg_time, config.TIME_ZONE) },
        KEYS,
        new Date()
      )
      console.log(`## ${fmt(size, 0)} users (seeded in ${fmt(seeded)} s)\n`)
      console.log(line(['case', 'matches', 'runs', 'p50 ms', 'p99 ms']))
      console.log(line(['---', '---:', '---:', '---:', '---:']))
      for (const [name, query] of cases(size)) {
        const { runs, p50, p99, total } = await measure(app, token, query)
        console.log(line([name, fmt(total, 0), String(runs), fmt(p50), fmt(p99)]))
      }
      console.log('')
    } finally {
      await app.close()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}
