import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { TSchema, Static } from 'typebox'
import Value from 'typebox/value'

/** A state file that is there but is not what a simulator wrote. */
export class StateFileError extends Error {
  readonly code = 'SIMULATOR_STATE_UNREADABLE'
}

export interface StateFile<T> {
  /** What the file holds; undefined when there is none yet. */
  load: () => Promise<T | undefined>
  /**
   * Writes what `snapshot` gives, taken when the write starts, after the writes
   * asked for before it: the file always ends with the latest state.
   */
  save: (snapshot: () => T) => Promise<void>
  /** Resolves when every write asked for so far is done. */
  flush: () => Promise<void>
}

let writes = 0

/**
 * A simulator's memory across restarts: JSON at `path`, written whole to a
 * temporary file beside it and renamed over it, so a crash leaves the old file
 * or the new one, never half of one. Mode 600: it holds made-up passwords and
 * who is who, nobody else's business on a shared machine.
 */
export function stateFile<S extends TSchema> (path: string, schema: S): StateFile<Static<S>> {
  let queue: Promise<void> = Promise.resolve()

  const write = async (value: Static<S>): Promise<void> => {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 })
    const temporary = `${path}.${process.pid}.${++writes}.tmp`
    await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 })
    await chmod(temporary, 0o600)
    await rename(temporary, path)
  }

  return {
    async load () {
      let text: string
      try {
        text = await readFile(path, 'utf8')
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw error
      }
      let value: unknown
      try {
        value = JSON.parse(text)
      } catch {
        value = undefined
      }
      if (!Value.Check(schema, value)) {
        throw new StateFileError(`${path} is not what the simulator writes; move it away to start afresh`)
      }
      return value
    },
    save (snapshot) {
      const done = queue.then(async () => { await write(snapshot()) })
      // A failed write is the caller's to see; the next one still runs.
      queue = done.catch(() => {})
      return done
    },
    flush: async () => { await queue }
  }
}
