import t from 'tap'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'

t.test('SIGTERM lets an in-flight request finish, refuses new ones meanwhile, then exits cleanly', async (t) => {
  const server = new URL('./fixtures/slow-server.ts', import.meta.url).pathname
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=driver-source', server], {
    stdio: ['pipe', 'pipe', 'inherit']
  })
  t.teardown(() => { child.kill('SIGKILL') })
  const exited = once(child, 'exit')
  // The fixture reports each step on stdout, in order; undefined once it has exited.
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  const nextLine = async (): Promise<string | undefined> => (await lines.next()).value

  const listening = await nextLine()
  t.match(listening, /^listening http:\/\//)
  const address = listening?.slice('listening '.length) ?? ''

  let inFlightSettled = false
  const inFlight = fetch(`${address}/slow`).finally(() => { inFlightSettled = true })
  t.equal(await nextLine(), 'slow started', 'the request is in its handler')

  child.kill('SIGTERM')
  t.equal(await nextLine(), 'stopped listening', 'shutdown closed the listening socket')
  // A new connection finds no listener. (return503OnClosing answers 503 only to a request arriving on
  // a connection opened before shutdown; server.close() drops the idle ones, so none is left to use.)
  const attempt = fetch(`${address}/slow`, { signal: AbortSignal.timeout(5_000) })
  await t.rejects(attempt, { cause: { code: 'ECONNREFUSED' } }, 'a new request is refused')
  t.notOk(inFlightSettled, 'while the first request is still running')

  child.stdin.end()
  const response = await inFlight
  t.equal(response.status, 200, 'the in-flight request completes')
  t.same(await response.json(), { finished: true })

  t.equal(await nextLine(), 'closed', 'dependencies were closed')
  const [code] = await exited
  t.equal(code, 0, 'the process exits on its own')
})
