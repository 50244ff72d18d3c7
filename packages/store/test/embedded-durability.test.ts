import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { digestOf } from './contract/helpers.js'
import { build, temporaryDir } from './helper.js'

const fixture = fileURLToPath(new URL('./fixtures/kill-writer.ts', import.meta.url))
const ACKS_BEFORE_KILL = 40

t.test('writes acknowledged before kill -9 are there when the store is reopened', async (t) => {
  const dataDir = await temporaryDir(t)

  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=driver-source', fixture, dataDir], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const exited = once(child, 'exit')
  const acknowledged: string[] = []
  for await (const line of createInterface({ input: child.stdout })) {
    acknowledged.push(line)
    // Killed while it keeps writing: the next write may be half-way through.
    if (line === `ack ${ACKS_BEFORE_KILL}`) child.kill('SIGKILL')
  }
  const [, signal] = await exited
  t.equal(signal, 'SIGKILL')
  t.ok(acknowledged.includes(`ack ${ACKS_BEFORE_KILL}`), 'the writer got that far')

  const { store } = await build(t, { service: 'durable', dataDir })
  const docs = store.collection<{ _id: string, seq: number }>('docs')
  const seqs = (await docs.find({ seq: { $lte: ACKS_BEFORE_KILL } }, { sort: { seq: 1 } })).map((doc) => doc.seq)
  const expected = Array.from({ length: ACKS_BEFORE_KILL }, (_, index) => index + 1)
  t.same(seqs, expected, 'every acknowledged insert survived')
  const writes = await store.collection<{ _id: string, n: number }>('tally').findOne({ _id: 'writes' })
  t.ok((writes?.n ?? 0) >= ACKS_BEFORE_KILL, 'every acknowledged update survived')
  t.equal(await store.counter('users').next(), 4, 'the counter continues after the acknowledged values')

  const [, id, sha256] = acknowledged.find((line) => line.startsWith('blob '))?.split(' ') ?? []
  const blob = await store.blobs().get(id ?? '')
  t.same(await digestOf(blob.stream), { sha256, length: 200 * 1024 }, 'the acknowledged blob is complete')
})
