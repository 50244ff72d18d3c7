// One blob measurement in a fresh process, so every size starts from the same baseline:
// `blob-child.ts <dataDir> put <bytes>` or `blob-child.ts <dataDir> get <id>`; prints JSON.
import { randomFillSync } from 'node:crypto'
import { openStore } from '../src/index.js'

const [dataDir, operation, argument] = process.argv.slice(2)
if (dataDir === undefined || argument === undefined || (operation !== 'put' && operation !== 'get')) {
  throw new Error('usage: blob-child.ts <dataDir> put <bytes> | get <id>')
}
const CHUNK = 64 * 1024

/** Random bytes generated chunk by chunk as the store pulls them, never held whole. */
async function * generated (size: number): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < size; offset += CHUNK) {
    yield randomFillSync(Buffer.allocUnsafe(Math.min(CHUNK, size - offset)))
  }
}

const store = await openStore({ service: 'bench', dataDir })
const blobs = store.blobs('bench')
globalThis.gc?.()
const baseline = process.memoryUsage().rss
let peak = baseline
const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss) }, 2)
const started = performance.now()
let id = argument
if (operation === 'put') {
  id = (await blobs.put(generated(Number(argument)), { contentType: 'image/jpeg' })).id
} else {
  const { stream } = await blobs.get(argument)
  for await (const chunk of stream) if (!(chunk instanceof Uint8Array)) throw new Error('unexpected chunk')
}
const ms = performance.now() - started
clearInterval(sampler)
peak = Math.max(peak, process.memoryUsage().rss)
// Buffers are freed after the collection that finds them dead; collect, let that settle, collect again.
globalThis.gc?.()
await new Promise((resolve) => setImmediate(resolve))
globalThis.gc?.()
const { heapUsed, arrayBuffers } = process.memoryUsage()
await store.close()
process.stdout.write(JSON.stringify({ id, ms, baseline, growth: peak - baseline, retained: heapUsed + arrayBuffers }))
