import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { StoreLockedError } from '../errors.js'

const heldHere = new Set<string>()

/**
 * nedb rewrites whole datafiles (on load, on compaction), so two processes on one directory would
 * overwrite each other's writes. A `LOCK` file holds the owner's pid; a lock whose process is gone
 * (killed, crashed, or a previous container that also ran as pid 1) is taken over.
 */
export async function lockDataDir (dir: string): Promise<() => Promise<void>> {
  if (heldHere.has(dir)) throw new StoreLockedError(dir, process.pid)
  const file = join(dir, 'LOCK')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' })
      heldHere.add(dir)
      return async () => {
        heldHere.delete(dir)
        await rm(file, { force: true })
      }
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error
      const holder = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10)
      if (holder !== process.pid && isAlive(holder)) throw new StoreLockedError(dir, holder)
      await rm(file, { force: true })
    }
  }
  throw new StoreLockedError(dir)
}

function isAlive (pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return error instanceof Error && 'code' in error && error.code === 'EPERM'
  }
}
