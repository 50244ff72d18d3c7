import type { Logger } from '@driver/contracts'
import type { NedbFile } from './nedb-file.js'

/** As often as MongoDB's TTL monitor runs by default. */
export const DEFAULT_TTL_SWEEP_INTERVAL_MS = 60_000

/** The longest delay `setInterval` honours; beyond it Node fires after 1 ms instead. */
const LONGEST_INTERVAL_MS = 2_147_483_647

/** Refuses an interval `setInterval` would not keep. */
export function assertTtlSweepInterval (intervalMs: number): void {
  if (!Number.isSafeInteger(intervalMs) || intervalMs < 1 || intervalMs > LONGEST_INTERVAL_MS) {
    throw new RangeError(`ttlSweepIntervalMs must be an integer from 1 to ${LONGEST_INTERVAL_MS}`)
  }
}

/**
 * Removes expired documents from every open collection with a TTL index on a timer. nedb expires
 * only documents it reads, so a log nobody reads would otherwise keep them in memory and on disk
 * for good. Each collection is swept inside its write queue, so a sweep never lands between a
 * write's read and its write. The timer is unref'd (it never keeps the process alive); the
 * function returned stops it and waits for a sweep under way.
 */
export function startTtlSweep (
  files: () => Iterable<NedbFile>, intervalMs: number, logger?: Logger
): () => Promise<void> {
  let sweeping: Promise<void> | undefined
  const timer = setInterval(() => {
    // A sweep that outlasts the interval is not started twice.
    sweeping ??= sweep([...files()], logger).finally(() => { sweeping = undefined })
  }, intervalMs)
  timer.unref()
  return async () => {
    clearInterval(timer)
    await sweeping
  }
}

async function sweep (files: NedbFile[], logger?: Logger): Promise<void> {
  for (const file of files) {
    try {
      await file.queue.run(() => file.removeExpired())
    } catch (error) {
      logger?.error({ err: error, collection: file.collection }, 'removing expired documents failed')
    }
  }
}
