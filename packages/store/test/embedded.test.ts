import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { openStore } from '../src/index.js'
import { blobStoreContract, documentsContract, type Adapter } from './contract/index.js'

const embedded: Adapter = {
  async open (t) {
    const dataDir = await mkdtemp(join(tmpdir(), 'store-contract-'))
    const store = await openStore({ service: 'contract', dataDir })
    t.teardown(async () => {
      await store.close()
      await rm(dataDir, { recursive: true, force: true })
    })
    const residue = async (bucket: string): Promise<number> =>
      (await readdir(join(dataDir, 'contract', 'blobs', bucket)).catch(() => [])).length
    return { store, residue }
  },
  // nedb drops expired documents whenever it reads candidates, so the first read already misses them.
  ttl: { deadlineMs: 0 }
}

documentsContract(t, embedded)
blobStoreContract(t, embedded)
