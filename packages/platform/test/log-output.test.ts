import t from 'tap'
import { Writable } from 'node:stream'
import { logOutput } from '../src/log-output.js'

/** Standard output as a test sees it: what was written, and whether it is a terminal. */
function output (isTTY: boolean) {
  const written: string[] = []
  const stream = new Writable({
    write (chunk: Buffer, _encoding, done) { written.push(chunk.toString()); done() }
  })
  return Object.assign(stream, { isTTY, written })
}

t.test('in development a terminal gets readable lines: the time, the level, the service and the message', async (t) => {
  const stdout = output(true)
  const stream = await logOutput({ NODE_ENV: 'development' }, stdout)
  if (stream === undefined) throw new Error('no readable stream on a terminal in development')
  // As every process writes it (the kit's logging.ts): the level by name.
  const line = { level: 'info', time: Date.now(), pid: 1, hostname: 'h', service: 'identity', msg: 'opened' }
  stream.write(`${JSON.stringify(line)}\n`)
  const shown = stdout.written.join('')
  t.match(shown, /^\[\d\d:\d\d:\d\d\] .*INFO.*: .*identity: opened/)
  t.notMatch(shown, /"level"/, 'no JSON')
})

t.test('JSON everywhere else: not a terminal, tests, production', async (t) => {
  t.equal(await logOutput({ NODE_ENV: 'development' }, output(false)), undefined)
  t.equal(await logOutput({ NODE_ENV: 'test' }, output(true)), undefined)
  t.equal(await logOutput({ NODE_ENV: 'production' }, output(true)), undefined)
})
