import fp from 'fastify-plugin'
import { calendarDayOf } from '@driver/kit'
import { DuplicateKeyError } from '@driver/store'
import type { Static } from 'typebox'
import {
  RESUME_IMAGE_FIELDS, RESUME_IMAGE_SLOTS, clearedResumeFields, deriveResumeFields, type ClearedResumeField
} from '../../domain/resume-fields.js'
import { ResumeNotYoursError, UserNameTakenError, WxUserNotFoundError } from '../../errors.js'
import type { ResumeOptSchema } from '../../schemas/resume.js'
import type { ResumeChanges, ResumeDocument } from './resume-repository.js'
import type { WxUser } from './wx-user-repository.js'

export type ResumeOptParams = Static<typeof ResumeOptSchema>

export interface ResumeFields {
  /**
   * `/wx/resume/opt`: creates the caller's resume on the first call (and links
   * it from their wx_user), updates it afterwards. Every check runs before the
   * one write, so a refused call changes nothing. Resolves to the resume's id.
   */
  save: (wxUserId: string, params: ResumeOptParams, requestId?: string) => Promise<string>
}

declare module 'fastify' {
  interface FastifyInstance {
    resumeFields: ResumeFields
  }
}

export interface ResumeRulesOptions {
  timeZone: string
  /** The clock ages and experience years are counted on; tests set it to a birthday. */
  clock?: () => Date
}

const EMPTY_LISTS = () => ({ work_history: [], education_history: [], honor: [], vehicle: [] })

/** `/wx/resume/opt`: the resume's own fields, checked, derived and saved. */
export const resumeFields = fp<ResumeRulesOptions>(async (app, { timeZone, clock = () => new Date() }) => {
  const { resumes, wxUsers, imageCheck } = app

  /** The basic fields as stored, their derived fields, and each image id with media's url. */
  async function changesOf (
    wxUserId: string, fields: Omit<ResumeOptParams, '_id'>, requestId?: string
  ): Promise<ResumeChanges> {
    const changes: ResumeChanges = deriveResumeFields(fields, calendarDayOf(clock(), timeZone), timeZone)
    await Promise.all(RESUME_IMAGE_FIELDS.map(async (field) => {
      const id = fields[field]
      if (id === undefined || id === '') return
      const image = await imageCheck.verify(wxUserId, id, { ...RESUME_IMAGE_SLOTS[field], requestId })
      changes[field] = image.id
      changes[`${field}_url`] = image.url
    }))
    if (changes.user_name !== undefined && await resumes.userNameTaken(changes.user_name, wxUserId)) {
      throw new UserNameTakenError()
    }
    return changes
  }

  /** The verified phone is the user name until the user picks one, unless another resume has it. */
  async function defaultUserName (user: WxUser, resume: ResumeDocument | null, changes: ResumeChanges): Promise<void> {
    const named = changes.user_name !== undefined || resume?.user_name !== undefined
    if (named || user.phone === undefined) return
    if (!await resumes.userNameTaken(user.phone, user._id)) changes.user_name = user.phone
  }

  async function create (
    user: WxUser, changes: ResumeChanges, cleared: readonly ClearedResumeField[]
  ): Promise<string> {
    const now = clock()
    try {
      const created = await resumes.create({
        phone: user.phone, ...changes, wx_id: user._id, ...EMPTY_LISTS(),
        work_rev: 0, create_date: now, update_date: now
      })
      await wxUsers.setResumeId(user._id, created._id)
      return created._id
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error
      // Two first calls at once: the other one created the resume, this one updates it.
      const raced = await resumes.findByOwner(user._id)
      if (!raced) throw new UserNameTakenError()
      await resumes.update(raced._id, { ...changes, update_date: clock() }, cleared)
      return raced._id
    }
  }

  app.decorate('resumeFields', {
    async save (wxUserId, { _id, ...fields }, requestId) {
      const user = await wxUsers.findById(wxUserId)
      if (!user) throw new WxUserNotFoundError()
      const resume = await resumes.findByOwner(wxUserId)
      // A blank `_id` is a page's hidden input before the resume exists: as if not sent.
      if (_id !== undefined && _id !== '' && _id !== resume?._id) throw new ResumeNotYoursError()
      const changes = await changesOf(wxUserId, fields, requestId)
      const cleared = clearedResumeFields(fields)
      await defaultUserName(user, resume, changes)
      if (!resume) return create(user, changes, cleared)
      // The contact phone follows the verified one, also if its event was handled before the resume existed.
      if (user.phone !== undefined && resume.phone !== user.phone) changes.phone = user.phone
      await resumes.update(resume._id, { ...changes, update_date: clock() }, cleared)
      // Repairs the link if a crash came between creating the resume and linking it.
      if (user.resume_id !== resume._id) await wxUsers.setResumeId(wxUserId, resume._id)
      return resume._id
    }
  } satisfies ResumeFields)
}, { name: 'resume-fields', dependencies: ['resume-repository', 'wx-user-repository', 'image-check'] })
