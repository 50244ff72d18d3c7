import { assertServiceName } from './names.js'
import type { Store, StoreOptions } from './store.js'

/**
 * MongoDB when `mongoUrl` is set, the embedded store under `dataDir/<service>` otherwise. Each
 * adapter is loaded only when chosen, so the embedded mode never loads the driver.
 */
export async function openStore ({
  service, dataDir, mongoUrl, logger, ttlSweepIntervalMs
}: StoreOptions): Promise<Store> {
  assertServiceName(service)
  if (mongoUrl !== undefined && mongoUrl !== '') {
    const { openMongoStore } = await import('./mongo/open-mongo-store.js')
    return await openMongoStore({ service, mongoUrl, logger })
  }
  const { openEmbeddedStore } = await import('./embedded/open-embedded-store.js')
  return await openEmbeddedStore({ service, dataDir, logger, ttlSweepIntervalMs })
}
