import type { Collection } from './collection.js'
import { DuplicateKeyError } from './errors.js'
import type { Counter } from './store.js'

/** A counter is one document `{ _id: name, seq }` in the service's `counters` collection. */
export interface CounterDocument {
  _id: string
  seq: number
}

/**
 * `$inc` with upsert and return-after is atomic in both adapters. Two first calls racing on
 * MongoDB may both try the insert; the loser sees a duplicate `_id` and simply increments again.
 */
export function createCounter (counters: Collection<CounterDocument>, name: string): Counter {
  return {
    name,
    async next () {
      for (let attempt = 1; ; attempt++) {
        try {
          const counter = await counters.findOneAndUpdate(
            { _id: name }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' }
          )
          if (counter === null) throw new Error(`counter "${name}" was not returned after its upsert`)
          return counter.seq
        } catch (error) {
          if (!(error instanceof DuplicateKeyError) || attempt >= 3) throw error
        }
      }
    }
  }
}
