import t from 'tap'
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { assertionHeaders } from '@driver/kit'
import { buildService } from '@driver/kit/service'
import { loadResumesConfig, resumesService } from '@driver/resumes'
import { pino } from 'pino'
import { AMQP_URL, skipWithoutRabbitmq, waitFor } from '@driver/testing'
import { rabbitRun } from './helpers/rabbitmq-run.js'

await skipWithoutRabbitmq(t)

/**
 * The sms service, in a process of its own, is killed at each step of a correct
 * /wx/sms/check; restarted, it and the user's retry must leave the phone bound
 * to the WeChat user exactly once.
 */
const STEPS = [
  { step: 'before-hold', answered: false, boundBeforeRetry: false, retry: 'success', deliveries: 1 },
  { step: 'after-hold', answered: false, boundBeforeRetry: true, retry: 'success', deliveries: 2 },
  { step: 'after-consume', answered: false, boundBeforeRetry: true, retry: 'SMS_CODE_WRONG', deliveries: 1 },
  { step: 'after-release', answered: false, boundBeforeRetry: true, retry: 'SMS_CODE_WRONG', deliveries: 1 },
  // The relay publishes after the answer: the user saw success, then the process died.
  { step: 'after-publish', answered: true, boundBeforeRetry: true, retry: 'SMS_CODE_WRONG', deliveries: 2 }
] as const

const FIXTURE = new URL('./fixtures/sms-process.ts', import.meta.url).pathname

interface SmsProcess { child: ChildProcess, url: string }

/** Kills the process and waits for it, so nothing writes to the test's folder once it is removed. */
async function stop ({ child }: SmsProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGKILL')
  await exited
}

async function startSms (env: Record<string, string>): Promise<SmsProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=driver-source', FIXTURE], {
    env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit']
  })
  const lines = createInterface({ input: child.stdout! })
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => { if (line.startsWith('listening ')) resolve(line.slice('listening '.length)) })
    child.once('exit', (code) => reject(new Error(`the sms process exited (${code}) before listening`)))
  })
  return { child, url }
}

const SECRET = 'gateway-assertion-secret-for-the-fault-test'

/** Calls the sms process as the gateway would: signed, with the session's user. */
async function asGateway (
  sms: SmsProcess, method: 'GET' | 'POST', url: string, user?: string, form?: Record<string, string>
): Promise<unknown> {
  const headers = assertionHeaders(
    SECRET,
    { method, url, requestId: randomUUID(), clientIp: '10.1.2.3', wxUserId: user }
  )
  const response = await fetch(`${sms.url}${url}`, { method, body: form && new URLSearchParams(form), headers })
  return JSON.parse(await response.text())
}

async function wx (
  sms: SmsProcess, path: string, user: string, form: Record<string, string>
): Promise<{ message: string, code?: string }> {
  return await asGateway(sms, 'POST', path, user, form) as { message: string, code?: string }
}

// Ten process starts on two shared cores: more than the default minute when the machine is busy.
t.setTimeout(180_000)

t.test('a crash at any step of a correct check leaves the phone bound exactly once', async (t) => {
  const run = rabbitRun(t)
  const resumesLog: string[] = []
  const resumes = await buildService(resumesService, {
    config: loadResumesConfig({ LOG_LEVEL: 'info', DATA_DIR: t.testdir() }),
    bus: await run.bus('resumes', pino({ level: 'info' }, { write: (line: string) => { resumesLog.push(line) } })),
    logStream: { write: (line: string) => { resumesLog.push(line) } }
  })
  t.teardown(() => resumes.close())
  const users = resumes.store.collection<{ _id: string, phone?: string }>('wx_user')
  const deliveries: Array<{ messageId: string, wxUserId: string }> = []
  await (await run.bus('audit', pino({ level: 'silent' }))).subscribe('sms.phone_verified', (payload, context) => {
    deliveries.push({ messageId: context.messageId, wxUserId: payload.wxUserId })
  })

  for (const [index, expected] of STEPS.entries()) {
    await t.test(`killed ${expected.step}`, async (t) => {
      const user = `64b7f0c2a1b2c3d4e5f6070${index}`
      const phone = `1391234567${index}`
      await users.insertOne({ _id: user })
      const env = { DATA_DIR: t.testdir(), AMQP_URL, RUN_PREFIX: run.prefix, GATEWAY_ASSERTION_SECRET: SECRET }

      const doomed = await startSms({ ...env, FAULT_STEP: expected.step })
      t.teardown(() => stop(doomed))
      t.same(await wx(doomed, '/wx/sms/get', user, { phone }), { message: 'success' })
      const outbox = await asGateway(
        doomed,
        'GET',
        `/dev/sms/outbox?phone=${phone}`
      ) as { data: Array<{ code: string }> }
      const code = outbox.data[0]?.code ?? ''
      const exited = once(doomed.child, 'exit')
      if (expected.answered) t.same(await wx(doomed, '/wx/sms/check', user, { phone, code }), { message: 'success' })
      else await t.rejects(wx(doomed, '/wx/sms/check', user, { phone, code }), 'the process died while checking')
      const [, signal] = await exited
      t.equal(signal, 'SIGKILL')

      const restarted = await startSms(env)
      t.teardown(() => stop(restarted))
      const bound = async (): Promise<boolean> => (await users.findOne({ _id: user }))?.phone === phone
      if (expected.boundBeforeRetry) await waitFor('the relay to deliver the recorded event after the restart', bound)
      else t.notOk(await bound(), 'nothing was recorded, so nothing is bound yet')

      const retried = await wx(restarted, '/wx/sms/check', user, { phone, code })
      t.equal(retried.code ?? retried.message, expected.retry, 'the user retries the same code')

      const mine = () => deliveries.filter((delivery) => delivery.wxUserId === user)
      await waitFor(`${expected.deliveries} deliveries`, () => mine().length === expected.deliveries)
      t.equal(new Set(mine().map((delivery) => delivery.messageId)).size, 1, 'every copy carries one message id')
      // The audit queue and resumes' queue are served independently: the audit copy arriving
      // says nothing about whether resumes has finished with its own, so wait on resumes' marker.
      const markers = async (): Promise<number> =>
        await resumes.processedMessages.countDocuments(
          { messageName: 'sms.phone_verified', _id: { $regex: new RegExp(`:${mine()[0]?.messageId}`) } }
        )
      await waitFor('resumes to record the event as handled', async () => await markers() > 0)
      t.ok(await bound(), 'the phone is bound')
      t.equal(await markers(), 1, 'resumes handled it once')
      const effects = resumesLog.filter((line) => line.includes('phone bound to WeChat user') && line.includes(user))
      t.equal(effects.length, 1, 'and bound the phone once')
      // Before tap removes the data folder: its fixture cleanup runs before later teardowns.
      await stop(restarted)
    })
  }
})
