// Starts every process of docker-compose.yml from a deploy output (scripts/deploy.mjs) the way
// compose would start it, without a Docker engine, and checks the platform answers:
//
//   docker-compose --env-file .env config | python3 -c '…yaml to json…' > compose.json
//   node scripts/run-like-compose.mjs --app <deploy output> --compose compose.json [--node <node binary>]
//
// Each process gets exactly its service's environment from the compose file (so a variable
// compose does not pass is missing here too), with what only a Docker engine provides put
// on this machine instead: compose's host names become 127.0.0.1 on a port of their own,
// RabbitMQ is the local broker (the compose user is created in a vhost of its own for the
// run, then removed), MONGO_URL is left unset (no MongoDB here: each process gets an
// embedded store in a folder of its own), a secret's /run/secrets/<name> is its file from the
// compose file (a NAME_FILE naming a secret its service does not mount, or a missing file, fails
// the run). First, sms with its SMS_CODE_SECRET_FILE missing must stop at once, naming it. Then,
// as compose does: the services, each until
// its /readyz answers 200, then the gateway; /readyz through the gateway must be 200 with
// every service ok; a process that exits at any point fails the run (a missing variable, a
// crash loop, an import of a package production does not install); a request straight to a
// service with made-up identity headers must be refused (401). resumes with a second replica
// (scripts/replica-check.mjs): both get requests, one is killed, none fails after. Then SIGTERM, as
// `docker compose stop`, must end each process cleanly within its grace period. Last, the
// image's default command, the all-in-one mode in production with nothing but a data
// folder and the official account, must start, keep its generated secrets (mode 600) and
// stop cleanly.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { secretFilesOf, secretProblems } from './compose-secrets.mjs'
import { forgedHeadersCheck } from './forged-headers-check.mjs'
import { localBroker } from './local-broker.mjs'
import { replicaCheck } from './replica-check.mjs'

const IMAGE = 'driver-platform'
/** Started twice, as `docker compose up --scale resumes=2` would: its second replica's port. */
const REPLICATED = 'resumes'
const READY_TIMEOUT_MS = 60_000
const STABLE_MS = 3_000

function argument (name, fallback) {
  const at = process.argv.indexOf(name)
  if (at === -1 && fallback === undefined) fail(`${name} is required`)
  return at === -1 ? fallback : process.argv[at + 1]
}

/** @typedef {{ code: number | null, signal: string | null }} Exit */
/** @type {{ name: string, child: import('node:child_process').ChildProcess, log: string, exited?: Exit }[]} */
const running = []
const cleanups = []

function fail (message) {
  console.error(`run-like-compose: FAILED: ${message}`)
  cleanup()
  process.exit(1)
}

function cleanup () {
  for (const step of cleanups.splice(0).reverse()) {
    try { step() } catch (error) { console.error(`run-like-compose: cleanup: ${error.message}`) }
  }
}

const app = resolve(argument('--app'))
const node = argument('--node', process.execPath)
const compose = JSON.parse(readFileSync(argument('--compose'), 'utf8'))
const work = mkdtempSync(join(tmpdir(), 'run-like-compose-'))
const started = Date.now()
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`

async function freePort () {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address()
  server.close()
  await once(server, 'close')
  return port
}

function tail (file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).map((line) => `    ${line}`).join('\n')
  } catch {
    return '    (no output)'
  }
}

function start (name, args, env, cwd) {
  mkdirSync(cwd, { recursive: true })
  const log = join(work, `${name}.log`)
  const output = createWriteStream(log)
  const stdio = ['ignore', 'pipe', 'pipe']
  const child = spawn(node, [join(app, 'scripts/service.mjs'), ...args], { cwd, env, stdio })
  child.stdout.pipe(output)
  child.stderr.pipe(output)
  const entry = { name, child, log }
  child.on('exit', (code, signal) => { entry.exited = { code, signal } })
  running.push(entry)
  return entry
}

function assertAlive () {
  for (const entry of running) {
    if (entry.exited && !entry.stopped) {
      const how = entry.exited.signal ?? `code ${entry.exited.code}`
      fail(`${entry.name} exited (${how}); its output:\n${tail(entry.log)}`)
    }
  }
}

async function untilReady (entry, url) {
  const deadline = Date.now() + READY_TIMEOUT_MS
  let last = 'no answer'
  while (Date.now() < deadline) {
    assertAlive()
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) })
      if (response.status === 200) return await response.json()
      last = `${response.status} ${await response.text()}`
    } catch (error) {
      last = error.cause?.code ?? error.message
    }
    await sleep(250)
  }
  fail(`${entry.name} did not become ready at ${url} within ${READY_TIMEOUT_MS / 1000} s (last: ${last}); ` +
    `its output:\n${tail(entry.log)}`)
}

async function stop (entry, graceMs) {
  if (entry.exited) fail(`${entry.name} had already exited`)
  entry.stopped = true
  entry.child.kill('SIGTERM')
  const timer = setTimeout(() => entry.child.kill('SIGKILL'), graceMs)
  if (!entry.exited) await once(entry.child, 'exit')
  clearTimeout(timer)
  if (entry.exited.code !== 0) {
    const how = entry.exited.signal ?? `code ${entry.exited.code}`
    fail(`${entry.name} did not stop cleanly on SIGTERM (${how}); its output:\n${tail(entry.log)}`)
  }
}


// --- what compose would run ---
const services = Object.entries(compose.services ?? {})
const ours = services.filter(([, service]) => String(service.image ?? '').split(':')[0] === IMAGE)
if (ours.length === 0) fail(`no service in the compose file runs the ${IMAGE} image`)
const hosts = new Map()
for (const [name] of ours) hosts.set(name, await freePort())
const secondPort = hosts.has(REPLICATED) ? await freePort() : undefined

// The local broker stands in for the rabbitmq service (scripts/local-broker.mjs).
const localAmqpUrl = localBroker({ hosts: services.map(([name]) => name), fail, cleanups })

function environmentOf (name, service) {
  const env = {}
  for (const [key, value] of Object.entries(service.environment ?? {})) env[key] = value === null ? '' : String(value)
  const problems = secretProblems(compose, name)
  if (problems.length > 0) fail(problems.join('; '))
  Object.assign(env, secretFilesOf(compose, name))
  if (env.AMQP_URL_FILE) {
    env.AMQP_URL = readFileSync(env.AMQP_URL_FILE, 'utf8').trim()
    delete env.AMQP_URL_FILE
  }
  if (env.NODE_ENV !== 'production') fail(`${name}: compose must run it with NODE_ENV=production (has ${env.NODE_ENV})`)
  const port = env.PORT
  for (const [key, value] of Object.entries(env)) {
    // http://sms:3000 → http://127.0.0.1:<sms's port>
    const match = /^(https?):\/\/([a-z][\w-]*):(\d+)(.*)$/.exec(value)
    if (match && hosts.has(match[2])) env[key] = `${match[1]}://127.0.0.1:${hosts.get(match[2])}${match[4]}`
    // A service's URL names all its replicas, comma-separated, as the gateway takes them.
    if (match?.[2] === REPLICATED && match[4] === '' && key.endsWith('_URL')) {
      env[key] += `,${match[1]}://127.0.0.1:${secondPort}`
    }
  }
  if (env.AMQP_URL) env.AMQP_URL = localAmqpUrl(env.AMQP_URL)
  delete env.MONGO_URL
  delete env.MONGO_URL_FILE
  env.HOST = '127.0.0.1'
  env.PORT = String(hosts.get(name))
  // The metrics listener too gets a port of the host's choosing, not the container's fixed one.
  if (env.METRICS_PORT !== undefined) env.METRICS_PORT = '0'
  env.DATA_DIR = './data'
  if (port === undefined) fail(`${name}: compose gives it no PORT`)
  return { ...env, PATH: process.env.PATH }
}

process.on('SIGINT', () => fail('interrupted'))
cleanups.push(() => { for (const entry of running) if (!entry.exited) entry.child.kill('SIGKILL') })

const graceOf = (env) => Number(env.SHUTDOWN_GRACE_MS ?? 10_000) + 5_000
const byName = new Map()
const dependsOn = (service) => Object.keys(service.depends_on ?? {}).filter((name) => hosts.has(name))
const order = []
const visit = (name, path = []) => {
  if (order.includes(name)) return
  if (path.includes(name)) fail(`depends_on cycle: ${[...path, name].join(' → ')}`)
  for (const dependency of dependsOn(compose.services[name])) visit(dependency, [...path, name])
  order.push(name)
}
for (const [name] of ours) visit(name)

// A secret's file that cannot be read (a missing file, a folder Docker made in its place) stops the
// process at once, naming the secret.
if (hosts.has('sms')) {
  const env = { ...environmentOf('sms', compose.services.sms), SMS_CODE_SECRET_FILE: join(work, 'no-such-secret') }
  const entry = start('sms-without-its-secret', ['sms'], env, join(work, 'sms-without-its-secret'))
  entry.stopped = true
  if (!entry.exited) await once(entry.child, 'exit')
  const output = readFileSync(entry.log, 'utf8')
  if (entry.exited.code !== 1 || !output.includes('SMS_CODE_SECRET_FILE')) {
    fail(`sms without its SMS_CODE_SECRET_FILE did not stop naming it (${JSON.stringify(entry.exited)}):\n` +
      tail(entry.log))
  }
  const said = output.split('\n').find((line) => line.includes('SMS_CODE_SECRET_FILE')).trim()
  console.log(`run-like-compose: sms without its secret file: ${said}`)
}

for (const name of order) {
  const service = compose.services[name]
  const env = environmentOf(name, service)
  const [processName = 'all-in-one'] = service.command ?? []
  const entry = start(name, [processName], env, join(work, name))
  byName.set(name, { entry, env })
  const readyz = await untilReady(entry, `http://127.0.0.1:${hosts.get(name)}/readyz`)
  console.log(`run-like-compose: ${name} ready (${elapsed()}): ${JSON.stringify(readyz.checks ?? readyz)}`)
}

// The gateway is the one service with published ports; through it, every service must be ready.
const published = ours.filter(([, service]) => (service.ports ?? []).length > 0).map(([name]) => name)
if (published.length !== 1) fail(`exactly one service should be published, found: ${published.join(', ') || 'none'}`)
const gateway = published[0]
const platform = await untilReady(byName.get(gateway).entry, `http://127.0.0.1:${hosts.get(gateway)}/readyz`)
const notOk = Object.entries(platform.checks ?? {}).filter(([, result]) => result !== 'ok')
if (notOk.length > 0 || Object.keys(platform.checks ?? {}).length === 0) {
  fail(`the gateway's /readyz: ${JSON.stringify(platform)}`)
}
console.log(`run-like-compose: GET /readyz through the ${gateway}: 200 ${JSON.stringify(platform)}`)

await sleep(STABLE_MS)
assertAlive()
console.log(`run-like-compose: every process still running after ${STABLE_MS / 1000} s more`)

// A client that reaches a service directly, past the gateway, with made-up identity headers.
if (hosts.has('sms')) await forgedHeadersCheck(`http://127.0.0.1:${hosts.get('sms')}`, fail)

if (secondPort !== undefined) {
  const { entry, env } = byName.get(REPLICATED)
  const url = (port) => `http://127.0.0.1:${port}`
  const command = compose.services[REPLICATED].command ?? []
  const second = start(`${REPLICATED}-2`, command, { ...env, PORT: `${secondPort}` }, join(work, `${REPLICATED}-2`))
  const replicas = [{ url: url(hosts.get(REPLICATED)), entry }, { url: url(secondPort), entry: second }]
  await replicaCheck({ gateway: url(hosts.get(gateway)), service: REPLICATED, replicas, fail, tail })
}

// docker compose stop: the gateway first, then the services.
for (const name of [...order].reverse()) {
  const { entry, env } = byName.get(name)
  await stop(entry, graceOf(env))
}
console.log(`run-like-compose: every process stopped cleanly on SIGTERM (${elapsed()})`)

// docker run -e WECHAT_… -e MEFP_… <image>: the all-in-one mode in production with the image's
// environment, the official account and MeFP, which only their owners can give (the compose
// file's values).
const dataDir = join(work, 'all-in-one/data')
const aioPort = await freePort()
const composeValue = (service, name) => {
  const env = environmentOf(service, compose.services[service])
  return [name, env[name] ?? readFileSync(env[`${name}_FILE`], 'utf8')]
}
const account = Object.fromEntries([
  ...['WECHAT_APPID', 'WECHAT_SECRET', 'WECHAT_OAUTH_CALLBACK_URL'].map((name) => composeValue('resumes', name)),
  ...['MEFP_URL', 'MEFP_SECRET', 'APP_SECRET'].map((name) => composeValue('identity', name))
])
const aioEnv = { NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(aioPort), ...account, PATH: process.env.PATH }
let firstSecrets
for (let round = 1; round <= 2; round++) {
  const entry = start(`all-in-one-${round}`, [], aioEnv, join(work, 'all-in-one'))
  const readyz = await untilReady(entry, `http://127.0.0.1:${aioPort}/readyz`)
  const secrets = join(dataDir, 'secrets.json')
  const mode = statSync(secrets).mode & 0o777
  if (mode !== 0o600) fail(`${secrets} has mode ${mode.toString(8)}, not 600`)
  const kept = readFileSync(secrets, 'utf8')
  firstSecrets ??= kept
  if (kept !== firstSecrets) fail('the all-in-one mode generated new secrets at its second start')
  console.log(`run-like-compose: all-in-one (image default) start ${round} ready: ${JSON.stringify(readyz.checks)}; ` +
    `secrets kept in ${secrets} (mode 600)`)
  await stop(entry, 15_000)
}

console.log(`run-like-compose: OK in ${elapsed()}`)
cleanup()
rmSync(work, { recursive: true, force: true })
