import t from 'tap'
import { once } from 'node:events'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { CommonConfigSchema, loadConfig, StartError } from '../../src/index.js'
import { buildService } from '../../src/service/index.js'
import { mongoWaitMs, shownAddress } from '../../src/service/dependency-start.js'
import { bareService, type Tap } from '../helper.js'

/** A local port nothing listens on: taken from the OS, then given back. */
async function closedPort (): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}

/** Starts the bare service on `env`, expecting it to fail; its error and log lines. */
async function failedStart (t: Tap, env: Record<string, string>, busConnectTimeoutMs?: number) {
  const lines: string[] = []
  const config = loadConfig(CommonConfigSchema, { LOG_LEVEL: 'info', DATA_DIR: env.DATA_DIR ?? t.testdir(), ...env })
  const error = await buildService(bareService, {
    config, busConnectTimeoutMs, logStream: { write: (line: string) => { lines.push(line) } }
  }).then(() => undefined, (thrown: unknown) => thrown)
  if (!(error instanceof StartError)) throw new Error(`expected a StartError, got ${String(error)}`)
  return { error, lines, messages: lines.map((line) => (JSON.parse(line) as { msg: string }).msg) }
}

t.test('a URL is shown without its user, password or options', async (t) => {
  t.equal(shownAddress('amqp://guest:s3cret@rabbit:5672/vhost?heartbeat=5'), 'amqp://***@rabbit:5672/vhost')
  t.equal(shownAddress('mongodb://127.0.0.1:27017'), 'mongodb://127.0.0.1:27017/')
  t.equal(shownAddress('mongodb+srv://me:p%40ss@cluster0.example.net/?authSource=admin'),
    'mongodb+srv://***@cluster0.example.net/')
  t.equal(shownAddress('mongodb://u:p@a:1,b:2/db'), 'mongodb://***@a:1,b:2/db', 'several hosts')
  t.equal(mongoWaitMs('mongodb://a/?serverSelectionTimeoutMS=300'), 300)
  t.equal(mongoWaitMs('mongodb://a/'), 30_000, 'the driver\'s own wait')
})

t.test('an unreachable MONGO_URL is said before the wait and ends the start with one line', async (t) => {
  const port = await closedPort()
  const { error, lines, messages } = await failedStart(t, {
    MONGO_URL: `mongodb://admin:s3cret@127.0.0.1:${port}/?serverSelectionTimeoutMS=300`
  })
  t.ok(messages.includes(`connecting to MongoDB at mongodb://***@127.0.0.1:${port}/ (up to 0.3 s)`))
  t.equal(error.variable, 'MONGO_URL')
  t.match(error.message, `MONGO_URL: no MongoDB answered at mongodb://***@127.0.0.1:${port}/ within 0.3 s`)
  t.match(error.message, /; start MongoDB there or correct MONGO_URL, or unset it/)
  t.notMatch(error.message, '\n', 'one line')
  t.notMatch(String(error.stack), /\n\s+at /, 'no stack trace')
  t.notMatch([...lines, error.message].join('\n'), 's3cret', 'the password is nowhere')
})

t.test('an unreachable AMQP_URL is said before the wait and ends the start with one line', async (t) => {
  const port = await closedPort()
  const { error, lines, messages } = await failedStart(t, {
    AMQP_URL: `amqp://guest:s3cret@127.0.0.1:${port}/`
  }, 300)
  t.ok(messages.includes(`connecting to RabbitMQ at amqp://***@127.0.0.1:${port}/ (up to 0.3 s)`))
  t.equal(error.variable, 'AMQP_URL')
  t.equal(error.message, `AMQP_URL: no connection to RabbitMQ at amqp://***@127.0.0.1:${port}/ within 0.3 s; ` +
    'start RabbitMQ there or correct AMQP_URL (its host, port, user and password), ' +
    'or unset it to use the in-process bus')
  t.notMatch(String(error.stack), /\n\s+at /, 'no stack trace')
  t.notMatch([...lines, error.message].join('\n'), 's3cret', 'the password is nowhere')
})

t.test('a DATA_DIR another live process holds ends the start with one line naming the folder and the process',
  async (t) => {
    const dataDir = t.testdir()
    const folder = join(dataDir, bareService.name)
    mkdirSync(folder, { recursive: true })
    // The parent (tap) is alive and is not this process: the lock is another's.
    writeFileSync(join(folder, 'LOCK'), String(process.ppid))
    const { error } = await failedStart(t, { DATA_DIR: dataDir })
    t.equal(error.variable, 'DATA_DIR')
    t.equal(error.message, `DATA_DIR: the folder ${folder} is in use by process ${process.ppid} ` +
      '(the platform already running?); stop that process, or set DATA_DIR to another folder')
  })
