import { readFile } from 'node:fs/promises'
import t from 'tap'
import { build, type SeenRequest } from './helper.js'

const readme = async (): Promise<string> =>
  (await readFile(new URL('../../README.md', import.meta.url), 'utf8')).replace(/\s+/g, ' ')

t.test('the README promises of x-request-id what the gateway does: kept when well-formed, for tracing', async (t) => {
  const text = await readme()
  const overwritten = /The gateway always overwrites ([^;]+)so a client cannot forge them/.exec(text)?.[1]
  t.ok(overwritten, 'the README lists the headers a client cannot forge')
  t.notMatch(overwritten ?? '', /x-request-id/, 'the request id is not among them')
  const keptForTracing = new RegExp(
    '`x-request-id` is kept when it is well-formed[^;]{0,200}traced[^;]{0,100}never trusted for anything else'
  )
  t.match(text, keptForTracing, 'and says it is kept for tracing only')

  const { gateway } = await build(t)
  const kept = await gateway.inject({ method: 'GET', url: '/users/1', headers: { 'x-request-id': 'trace-7.a:b_c' } })
  t.equal(kept.json<SeenRequest>().headers['x-request-id'], 'trace-7.a:b_c', 'a well-formed id reaches the service')
  for (const bad of ['a b', 'x'.repeat(129), 'a/b', '<script>']) {
    const replaced = await gateway.inject({ method: 'GET', url: '/users/1', headers: { 'x-request-id': bad } })
    const id = replaced.json<SeenRequest>().headers['x-request-id']
    t.match(id, /^[0-9a-f-]{36}$/, `${JSON.stringify(bad.slice(0, 20))} is replaced`)
  }
})
