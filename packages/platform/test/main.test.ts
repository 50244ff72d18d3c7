import t from 'tap'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { StartError } from '@driver/kit'
import { loadPlatformConfig, startPlatform } from '../src/index.js'

const main = new URL('../src/main.ts', import.meta.url).pathname

/** A local port: taken from the OS and kept (`close` gives it back). */
async function takenPort (): Promise<{ port: number, close: () => Promise<void> }> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  return { port, close: async () => { server.close(); await once(server, 'close') } }
}

/** The all-in-one process on `env` until it exits by itself: its exit code, standard output and error. */
async function runMain (env: Record<string, string>): Promise<{ code: number, stdout: string, stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=driver-source', main], {
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  const [code] = await once(child, 'exit') as [number]
  return { code, stdout, stderr }
}

t.test('a busy port stops the all-in-one process with one readable block naming the port', async (t) => {
  const other = await takenPort()
  t.teardown(other.close)
  const { code, stderr } = await runMain({ PORT: String(other.port), DATA_DIR: t.testdir(), LOG_LEVEL: 'silent' })
  t.equal(code, 1)
  t.match(stderr, `PORT ${other.port} is already in use on 127.0.0.1`)
  t.notMatch(stderr, /\n\s+at /, 'no stack trace')
})

t.test('an unreachable MONGO_URL is logged before the wait and ends the process with one line', async (t) => {
  const closed = await takenPort()
  await closed.close()
  const mongoUrl = `mongodb://admin:s3cret@127.0.0.1:${closed.port}/?serverSelectionTimeoutMS=300`
  const { code, stdout, stderr } = await runMain({ PORT: '0', DATA_DIR: t.testdir(), MONGO_URL: mongoUrl })
  t.equal(code, 1)
  const shown = `mongodb://***@127.0.0.1:${closed.port}/`
  const logged = stdout.trim().split('\n').map((line) => (JSON.parse(line) as { msg: string }).msg)
  t.ok(logged.includes(`connecting to MongoDB at ${shown} (up to 0.3 s)`), 'JSON lines, the wait said first')
  t.match(stderr, new RegExp(`^MONGO_URL: no MongoDB answered at ${shown.replace(/[*?.]/g, '\\$&')} within 0\\.3 s`))
  t.match(stderr, /start MongoDB there or correct MONGO_URL, or unset it to use the embedded store under DATA_DIR\n$/)
  t.equal(stderr.trim().split('\n').length, 1, 'one line')
  t.notMatch(stdout + stderr, 's3cret', 'the password is nowhere')
})

t.test('a DATA_DIR another process holds ends the process with one line naming the folder and the process',
  async (t) => {
    const dataDir = t.testdir()
    const folder = join(dataDir, 'identity')
    mkdirSync(folder, { recursive: true })
    // This test's process is alive and is not the started one: the folder is another's.
    writeFileSync(join(folder, 'LOCK'), String(process.pid))
    const { code, stderr } = await runMain({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' })
    t.equal(code, 1)
    t.equal(stderr, `DATA_DIR: the folder ${folder} is in use by process ${process.pid} ` +
      '(the platform already running?); stop that process, or set DATA_DIR to another folder\n')
  })

t.test('an unreachable AMQP_URL ends the start with one line naming the variable and the broker', async (t) => {
  const closed = await takenPort()
  await closed.close()
  const config = loadPlatformConfig({
    PORT: '0', DATA_DIR: t.testdir(), LOG_LEVEL: 'silent', AMQP_URL: `amqp://guest:s3cret@127.0.0.1:${closed.port}`
  })
  const error = await startPlatform(config, { busConnectTimeoutMs: 300 }).then(() => undefined, (thrown) => thrown)
  t.type(error, StartError)
  t.match((error as Error).message,
    `AMQP_URL: no connection to RabbitMQ at amqp://***@127.0.0.1:${closed.port}/ within 0.3 s; start RabbitMQ there`)
})

t.test('outside production the start ends with one banner: the site, the API document, the login, the SMS codes',
  async (t) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=driver-source', main], {
      env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', DATA_DIR: t.testdir(), LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'inherit']
    })
    t.teardown(() => { child.kill('SIGTERM') })
    let stdout = ''
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      stdout += chunk.toString()
      if (/SMS codes .*\n/.test(stdout)) break
    }
    const url = /The platform is running at (http:\/\/127\.0\.0\.1:\d+) /.exec(stdout)?.[1]
    if (url === undefined) throw new Error(`no banner in ${stdout}`)
    const links = [...stdout.matchAll(/ (http:\/\/\S+)/g)].map((match) => match[1]).slice(1)
    t.same(links, [
      `${url}/wx/html/`, `${url}/docs`, `${url}/wx/auth/login?redirect=/wx/html/`,
      `${url}/dev/sms/outbox?phone=13800138000`
    ])
    for (const link of [`${url}/wx/html/`, `${url}/docs`, `${url}/dev/sms/outbox?phone=13800138000`]) {
      t.equal((await fetch(link)).status, 200, link)
    }
    const login = await fetch(`${url}/wx/auth/login?redirect=/wx/html/`, { redirect: 'manual' })
    t.equal(login.status, 302, 'the login goes to the WeChat simulator')
  })
