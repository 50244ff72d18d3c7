import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Test } from 'tap'
import { openStore, type Store, type StoreOptions } from '../src/index.js'

/** A fresh temporary directory, removed after the test. */
export async function temporaryDir (t: Test): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'store-test-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  return dir
}

/**
 * A store for one test, closed after it: embedded (unless `mongoUrl` says otherwise), as service
 * `svc` unless named, in a fresh temporary data directory unless `dataDir` names one.
 */
export async function build (t: Test, options: Partial<StoreOptions> = {}): Promise<{ store: Store, dataDir: string }> {
  const dataDir = options.dataDir ?? await temporaryDir(t)
  const store = await openStore({ service: 'svc', ...options, dataDir })
  t.teardown(() => store.close())
  return { store, dataDir }
}
