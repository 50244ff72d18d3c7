import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { blobStoreContract, documentsContract, type Adapter } from './contract/index.js'
import { build } from './helper.js'

const embedded: Adapter = {
  async open (t) {
    const { store, dataDir } = await build(t)
    const residue = async (bucket: string): Promise<number> =>
      (await readdir(join(dataDir, 'svc', 'blobs', bucket)).catch(() => [])).length
    return { store, residue }
  },
  // nedb drops expired documents whenever it reads candidates, so the first read already misses them.
  ttl: { deadlineMs: 0 }
}

documentsContract(t, embedded)
blobStoreContract(t, embedded)
