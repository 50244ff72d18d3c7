import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore } from '../src/index.js'
import { benchBlobs } from './blobs.js'
import { benchDocuments } from './documents.js'
import { markdownTable } from './markdown-table.js'

// Embedded store benchmarks: `corepack pnpm --filter @driver/store bench [documentCount]`.
const count = Number(process.argv[2] ?? 10_000)
const dataDir = await mkdtemp(join(tmpdir(), 'store-bench-'))
try {
  console.log(`# @driver/store embedded benchmarks, ${new Date().toISOString().slice(0, 10)}`)
  console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, data in ${tmpdir()}\n`)
  console.log(`## Documents (${count.toLocaleString('en-US')} documents, sequential awaited calls)\n`)
  const store = await openStore({ service: 'bench', dataDir })
  console.log(markdownTable(await benchDocuments(store, count)))
  await store.close()
  console.log('\n## Blobs (generated streams, one fresh process per measurement, RSS sampled every 2 ms)\n')
  console.log(markdownTable(await benchBlobs(dataDir, [1, 10, 50, 200])))
} finally {
  await rm(dataDir, { recursive: true, force: true })
}
