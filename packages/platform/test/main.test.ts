import t from 'tap'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'

t.test('a busy port stops the all-in-one process with one readable block naming the port', async (t) => {
  const other = createServer()
  other.listen(0, '127.0.0.1')
  await once(other, 'listening')
  t.teardown(() => { other.close() })
  const port = (other.address() as { port: number }).port
  const main = new URL('../src/main.ts', import.meta.url).pathname
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=driver-source', main], {
    env: { PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: t.testdir(), LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  const [code] = await once(child, 'exit')
  t.equal(code, 1)
  t.match(stderr, `PORT ${port} is already in use on 127.0.0.1`)
  t.notMatch(stderr, /\n\s+at /, 'no stack trace')
})
