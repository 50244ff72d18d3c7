import type { ProcessedMessages } from '../../src/index.js'

/** A test double of a store collection: a duplicate `_id` rejects with `STORE_DUPLICATE_KEY`, like the real store. */
export class MemoryProcessedMessages implements ProcessedMessages {
  readonly docs = new Map<string, { _id: string, handledAt: Date }>()
  failNextInsert: Error | undefined

  async insertOne (doc: { _id: string, handledAt: Date, queue: string, messageName: string }): Promise<{ insertedId: string }> {
    await Promise.resolve()
    if (this.failNextInsert !== undefined) {
      const error = this.failNextInsert
      this.failNextInsert = undefined
      throw error
    }
    if (this.docs.has(doc._id)) throw Object.assign(new Error(`duplicate key ${doc._id}`), { code: 'STORE_DUPLICATE_KEY' })
    this.docs.set(doc._id, doc)
    return { insertedId: doc._id }
  }

  async deleteOne (filter: { _id: string }): Promise<{ deletedCount: number }> {
    await Promise.resolve()
    return { deletedCount: this.docs.delete(filter._id) ? 1 : 0 }
  }
}
