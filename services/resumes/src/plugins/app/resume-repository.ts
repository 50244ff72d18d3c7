import fp from 'fastify-plugin'
import { DuplicateKeyError, type Update } from '@driver/store'
import type { ClearedResumeField, ResumeImageField, StoredBasicFields } from '../../domain/resume-fields.js'
import { WORK_HISTORY_FIELDS, type WorkHistoryFields } from '../../domain/work-history-fields.js'
import { UserNameTakenError } from '../../errors.js'

/** The resume's four lists of item ids, named as the seed names them and their collections. */
export interface ResumeLists {
  work_history: string[]
  education_history: string[]
  honor: string[]
  vehicle: string[]
}
export type ResumeListName = keyof ResumeLists

/** An image field's id and the url media gave for it. */
export type ResumeImages = { [K in ResumeImageField]?: string } & { [K in ResumeImageField as `${K}_url`]?: string }

/** A resume as stored (seed 000, 简历模型); one per WeChat user, never deleted. */
export type ResumeDocument = StoredBasicFields & ResumeImages & WorkHistoryFields & ResumeLists & {
  _id: string
  wx_id: string
  /** The user's verified phone (`sms.phone_verified`): recruiters call it, so no client sets it. */
  phone?: string
  /**
   * Counts changes of the work history. The work-derived fields are written
   * only by whoever computed them after the latest change (`setWorkFields`).
   */
  work_rev: number
  create_date: Date
  update_date: Date
}

export type ResumeChanges = Partial<Omit<ResumeDocument, '_id' | 'wx_id' | 'work_rev' | ResumeListName | 'create_date'>>

export interface ResumeRepository {
  findByOwner: (wxUserId: string) => Promise<ResumeDocument | null>
  /** The resumes of these users (those who have one). */
  findByOwners: (wxUserIds: readonly string[]) => Promise<ResumeDocument[]>
  /** Throws `DuplicateKeyError` when the user already has a resume, `RESUMES_USER_NAME_TAKEN` for a taken user_name. */
  create: (resume: Omit<ResumeDocument, '_id'>) => Promise<ResumeDocument>
  /** Sets `changes` and removes `cleared` in one write. */
  update: (id: string, changes: ResumeChanges, cleared?: readonly ClearedResumeField[]) => Promise<void>
  userNameTaken: (userName: string, exceptWxUserId: string) => Promise<boolean>
  /**
   * Brings the resume in line with its user's verified phone: `phone` becomes it,
   * and a resume without a user name takes it as one unless another resume has it
   * (then it stays without). A repeat changes nothing.
   */
  followVerifiedPhone: (id: string, phone: string, now: Date) => Promise<void>
  /**
   * Adds or removes one id of a list (atomically: parallel calls all count) and
   * marks the change; a work list change also counts in `work_rev`. Null when
   * the id to remove is not in the list.
   */
  changeList: (
    id: string, list: ResumeListName, change: { push: string } | { pull: string }, now: Date
  ) => Promise<ResumeDocument | null>
  /** Marks an item's change on its resume, as `changeList` does. */
  touch: (id: string, list: ResumeListName, now: Date) => Promise<ResumeDocument | null>
  /** Writes the work-derived fields computed at `work_rev` = `rev`, unless the work history changed since. */
  setWorkFields: (id: string, rev: number, fields: WorkHistoryFields) => Promise<boolean>
}

declare module 'fastify' {
  interface FastifyInstance {
    resumes: ResumeRepository
  }
}

/** The `resume` collection: one resume per WeChat user (`wx_id`), user names unique. */
export const resumeRepository = fp(async (app) => {
  const resumes = app.store.collection<ResumeDocument>('resume')
  await resumes.createIndex({ wx_id: 1 }, { unique: true })
  // Sparse: a user without a verified phone may have no user name yet.
  await resumes.createIndex({ user_name: 1 }, { unique: true, sparse: true })

  const marked = (list: ResumeListName, now: Date): Update<ResumeDocument> =>
    ({ $set: { update_date: now }, ...(list === 'work_history' ? { $inc: { work_rev: 1 } } : {}) })

  app.decorate('resumes', {
    async findByOwner (wxUserId) {
      return resumes.findOne({ wx_id: wxUserId })
    },
    async findByOwners (wxUserIds) {
      return wxUserIds.length === 0 ? [] : await resumes.find({ wx_id: { $in: wxUserIds } })
    },
    async create (resume) {
      const { insertedId } = await resumes.insertOne(resume)
      return { ...resume, _id: insertedId }
    },
    async update (id, changes, cleared = []) {
      const update: Update<ResumeDocument> = { $set: changes }
      if (cleared.length > 0) update.$unset = Object.fromEntries(cleared.map((name) => [name, true as const]))
      try {
        await resumes.updateOne({ _id: id }, update)
      } catch (error) {
        // Only user_name can collide on an update: two users chose it at once.
        if (error instanceof DuplicateKeyError) throw new UserNameTakenError()
        throw error
      }
    },
    async userNameTaken (userName, exceptWxUserId) {
      return (await resumes.countDocuments({ user_name: userName, wx_id: { $ne: exceptWxUserId } })) > 0
    },
    async followVerifiedPhone (id, phone, now) {
      await resumes.updateOne({ _id: id, phone: { $ne: phone } }, { $set: { phone, update_date: now } })
      try {
        // In a filter `null` also matches an absent field; the unique index settles a taken name.
        await resumes.updateOne({ _id: id, user_name: null }, { $set: { user_name: phone, update_date: now } })
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error
      }
    },
    async changeList (id, list, change, now) {
      const update = marked(list, now)
      const after = { returnDocument: 'after' } as const
      if ('push' in change) {
        return resumes.findOneAndUpdate({ _id: id }, { ...update, $push: { [list]: change.push } }, after)
      }
      const pulled = { ...update, $pull: { [list]: change.pull } }
      return resumes.findOneAndUpdate({ _id: id, [list]: change.pull }, pulled, after)
    },
    async touch (id, list, now) {
      return resumes.findOneAndUpdate({ _id: id }, marked(list, now), { returnDocument: 'after' })
    },
    async setWorkFields (id, rev, fields) {
      // A field without a value is removed: clearing the history removes end_work_date (seed 000).
      const unset = Object.fromEntries(WORK_HISTORY_FIELDS
        .filter((name) => fields[name] === undefined)
        .map((name) => [name, true as const]))
      const update: Update<ResumeDocument> = { $set: { ...fields } }
      if (Object.keys(unset).length > 0) update.$unset = unset
      const { matchedCount } = await resumes.updateOne({ _id: id, work_rev: rev }, update)
      return matchedCount === 1
    }
  } satisfies ResumeRepository)
}, { name: 'resume-repository', dependencies: ['store'] })
