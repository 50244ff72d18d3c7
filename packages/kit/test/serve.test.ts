import t from 'tap'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { createInterface } from 'node:readline'
import { createApp, serve, type ConfigError } from '../src/index.js'

t.test('a busy port stops the start with a ConfigError naming the port, and the app is closed', async (t) => {
  const other = createServer()
  other.listen(0, '127.0.0.1')
  await once(other, 'listening')
  t.teardown(() => { other.close() })
  const port = (other.address() as { port: number }).port

  const app = createApp({ service: 'busy', logLevel: 'silent' })
  let closed = false
  app.addHook('onClose', async () => { closed = true })
  const error = await serve(app, { host: '127.0.0.1', port, graceMs: 1_000 })
    .then(() => undefined, (error: unknown) => error) as ConfigError
  t.equal(error.code, 'KIT_CONFIG')
  t.same(error.variables, ['PORT'])
  t.match(error.message, `PORT ${port} is already in use on 127.0.0.1`)
  t.match(error.message, 'set PORT to a free port')
  t.ok(closed, 'what the app opened is closed again')
})

/** The slow-server fixture, started as production starts; its steps arrive as lines. */
function startSlowServer (t: { teardown: (fn: () => unknown) => void }) {
  const server = new URL('./fixtures/slow-server.ts', import.meta.url).pathname
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=driver-source', server], {
    stdio: ['pipe', 'pipe', 'pipe']
  })
  t.teardown(() => { child.kill('SIGKILL') })
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  const nextLine = async (): Promise<string | undefined> => (await lines.next()).value
  return { child, exited, nextLine }
}

t.test('Ctrl-C passed on by a parent (two SIGINTs at once, as pnpm does) stops cleanly, exit code 0', async (t) => {
  const { child, exited, nextLine } = startSlowServer(t)
  t.match(await nextLine(), /^listening /)
  child.kill('SIGINT')
  child.kill('SIGINT')
  const steps: string[] = []
  for (let line = await nextLine(); line !== undefined; line = await nextLine()) steps.push(line)
  t.ok(steps.includes('closed'), 'the graceful stop ran to its end')
  t.same(await exited, [0, null], 'a clean stop, which pnpm does not report as a failure')
})

t.test('a second Ctrl-C a while after the first stops at once', async (t) => {
  const { child, exited, nextLine } = startSlowServer(t)
  const listening = await nextLine()
  const address = listening?.slice('listening '.length) ?? ''
  void fetch(`${address}/slow`).catch(() => {})
  t.equal(await nextLine(), 'slow started')
  child.kill('SIGINT')
  t.equal(await nextLine(), 'stopped listening', 'the first one starts the graceful stop; the request holds it open')
  await new Promise((resolve) => setTimeout(resolve, 1_500))
  child.kill('SIGINT')
  t.same(await exited, [130, null], 'the second one ends the process')
})
