import t from 'tap'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'

t.test('SIGTERM lets an in-flight request finish, refuses new ones, then exits cleanly', async (t) => {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=driver-source', new URL('./fixtures/slow-server.ts', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'] })
  t.teardown(() => { child.kill('SIGKILL') })
  const lines = createInterface({ input: child.stdout })
  const output: string[] = []
  const address = await new Promise<string>((resolve) => {
    lines.on('line', (line) => {
      output.push(line)
      if (line.startsWith('listening ')) resolve(line.slice('listening '.length))
    })
  })

  const inFlight = fetch(`${address}/slow`)
  // The request is in the server's hands once its connection is accepted; give it that moment.
  await new Promise((resolve) => setTimeout(resolve, 150))
  child.kill('SIGTERM')

  const response = await inFlight
  t.equal(response.status, 200)
  t.same(await response.json(), { finished: true })

  const [code] = await once(child, 'exit')
  t.equal(code, 0, 'the process exits on its own')
  t.ok(output.includes('closed'), 'dependencies were closed')
  await t.rejects(fetch(`${address}/slow`), 'no new connections after shutdown')
})
