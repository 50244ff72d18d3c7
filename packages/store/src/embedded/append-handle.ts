import { open, type FileHandle } from 'node:fs/promises'
import { serialize } from '@seald-io/nedb/lib/model.js'

/** The part of nedb's `Persistence` a datafile kept open replaces. */
interface Persistence {
  filename: string
  inMemoryOnly: boolean
  modes: { fileMode: number }
  persistNewStateAsync: (documents: object[]) => Promise<void>
  persistCachedDatabaseAsync: () => Promise<void>
}

/**
 * Keeps a collection's datafile open for nedb's appends. nedb opens, appends to and closes the
 * file on every write (`fs.appendFile` by name); here each write is one `write(2)` on a descriptor
 * opened once, with the same guarantee: the line is in the kernel when the write resolves, so it
 * survives the process being killed. nedb rewrites the file under a new inode when it compacts
 * (write a temporary file, fsync, rename); the descriptor is closed before and reopened at the
 * next append, which nedb's executor runs after the compaction, never during it.
 */
export function keepDatafileOpen (datastore: object): void {
  const persistence = Reflect.get(datastore, 'persistence') as Persistence
  if (persistence.inMemoryOnly) return
  let handle: Promise<FileHandle> | undefined
  const compact = persistence.persistCachedDatabaseAsync.bind(persistence)
  const close = async (): Promise<void> => {
    const closing = handle
    handle = undefined
    if (closing !== undefined) await (await closing).close()
  }

  persistence.persistNewStateAsync = async (documents) => {
    let lines = ''
    for (const document of documents) lines += `${serialize(document)}\n`
    if (lines === '') return
    handle ??= open(persistence.filename, 'a', persistence.modes.fileMode)
    const file = await handle.catch(async (error: unknown) => {
      handle = undefined
      throw error
    })
    await file.appendFile(lines, 'utf8')
  }
  persistence.persistCachedDatabaseAsync = async () => {
    await close()
    await compact()
  }
}
