import t from 'tap'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { StartError } from '@driver/kit'
import { loadPlatformConfig, startPlatform } from '../src/index.js'
import { runMain, takenPort } from './helpers/main-process.js'

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
