import { DuplicateKeyError, type Collection } from '@driver/store'

/** A counted window: `<name>:<window>` holds how many slots of it are taken. */
export interface WindowDocument {
  _id: string
  count?: number
  expiresAt: Date
}

/** Gives a taken slot back, when what it was taken for did not happen. */
export type Release = () => Promise<void>

/**
 * Takes one of `max` slots of the window `key` in one atomic `$inc` with upsert, so
 * processes sharing the store cannot both take the last slot. A full window makes the
 * upsert collide with its own `_id`; two first takes racing on MongoDB collide the same
 * way, so a collision is retried once: the retry increments a window that has room, and
 * collides again only when the window is full. Resolves to null when it is full.
 */
export async function takeSlot (
  windows: Collection<WindowDocument>, key: string, max: number, expiresAt: Date
): Promise<Release | null> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      await windows.findOneAndUpdate(
        { _id: key, count: { $lt: max } },
        { $inc: { count: 1 }, $set: { expiresAt } },
        { upsert: true }
      )
      return async () => { await windows.updateOne({ _id: key }, { $inc: { count: -1 } }) }
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error
    }
  }
  return null
}
