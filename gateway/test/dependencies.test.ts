import t from 'tap'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

t.test('the gateway loads neither the message bus nor the store', async (t) => {
  const fixture = new URL('./fixtures/loaded-modules.ts', import.meta.url).pathname
  const node = ['--import', 'tsx', '--conditions=driver-source', fixture]
  const { stdout } = await promisify(execFile)(process.execPath, node)
  const loaded = JSON.parse(stdout) as string[]
  t.ok(loaded.some((path) => path.includes('/fastify/')), 'the module list is real')
  for (const forbidden of ['/amqplib/', '/mongodb/', '/@seald-io/nedb/']) {
    t.notOk(loaded.some((path) => path.includes(forbidden)), `${forbidden} is not loaded`)
  }
})
