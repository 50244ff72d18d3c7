import fp from 'fastify-plugin'
import type { Collection, Update } from '@driver/store'
import {
  ITEM_KINDS, type ClearedItemField, type ItemKindName, type StoredItemFields
} from '../../domain/resume-items.js'

/** A work history, education, honour or vehicle entry as stored (seed 000, 简历扩展信息): its kind's fields only. */
export type ResumeItem = StoredItemFields & {
  _id: string
  /** The resume it belongs to. */
  driver_id: string
  image_url?: string
  create_date: Date
}

export interface ResumeItemRepository {
  insert: (kind: ItemKindName, item: Omit<ResumeItem, '_id'>) => Promise<string>
  /** The item if it belongs to the resume; null otherwise, also for another resume's. */
  findOwned: (kind: ItemKindName, id: string, resumeId: string) => Promise<ResumeItem | null>
  /** Sets `fields` and removes `cleared` in one write. */
  update: (
    kind: ItemKindName, id: string, resumeId: string, fields: Partial<ResumeItem>, cleared?: readonly ClearedItemField[]
  ) => Promise<void>
  remove: (kind: ItemKindName, id: string, resumeId: string) => Promise<void>
  /** The items of these ids, in their order (a resume's list); ids without an item are skipped. */
  findInOrder: (kind: ItemKindName, ids: readonly string[]) => Promise<ResumeItem[]>
}

declare module 'fastify' {
  interface FastifyInstance {
    resumeItems: ResumeItemRepository
  }
}

/** The four item collections, named as the resume's lists: `work_history`, `education_history`, `honor`, `vehicle`. */
export const resumeItemRepository = fp(async (app) => {
  const collections = {} as Record<ItemKindName, Collection<ResumeItem>>
  for (const [kind, { list }] of Object.entries(ITEM_KINDS) as Array<[ItemKindName, { list: string }]>) {
    collections[kind] = app.store.collection<ResumeItem>(list)
    await collections[kind].createIndex({ driver_id: 1 })
  }

  app.decorate('resumeItems', {
    async insert (kind, item) {
      return (await collections[kind].insertOne(item)).insertedId
    },
    async findOwned (kind, id, resumeId) {
      return collections[kind].findOne({ _id: id, driver_id: resumeId })
    },
    async update (kind, id, resumeId, fields, cleared = []) {
      const update: Update<ResumeItem> = { $set: fields }
      if (cleared.length > 0) update.$unset = Object.fromEntries(cleared.map((name) => [name, true as const]))
      await collections[kind].updateOne({ _id: id, driver_id: resumeId }, update)
    },
    async remove (kind, id, resumeId) {
      await collections[kind].deleteOne({ _id: id, driver_id: resumeId })
    },
    async findInOrder (kind, ids) {
      if (ids.length === 0) return []
      const found = new Map((await collections[kind].find({ _id: { $in: [...ids] } })).map((item) => [item._id, item]))
      return ids.flatMap((id) => found.get(id) ?? [])
    }
  } satisfies ResumeItemRepository)
}, { name: 'resume-item-repository', dependencies: ['store'] })
