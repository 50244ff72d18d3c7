import fp from 'fastify-plugin'
import { calendarDayOf } from '@driver/kit'
import {
  ITEM_KINDS, checkPeriod, clearedItemFields, itemFields, parseOperation,
  type ExtendParams, type ItemKind, type ItemKindName
} from '../../domain/resume-items.js'
import { deriveWorkHistoryFields } from '../../domain/work-history-fields.js'
import {
  ItemIdRequiredError, ItemNotFoundError, NoResumeError, ResumeNotYoursError, UnknownOperationError
} from '../../errors.js'
import type { ResumeRulesOptions } from './resume-fields.js'
import type { ResumeItem } from './resume-item-repository.js'
import type { ResumeDocument } from './resume-repository.js'

/** After an `add_`: the new item's id, under the parameter name the other operations take. */
export type AddedItem = Partial<Record<'w_id' | 'e_id' | 'h_id' | 'v_id', string>>

export interface ResumeItemOperations {
  /**
   * `/wx/resume/extend`: one of the seed's 12 operations on the caller's resume.
   * The resume's list and the item's collection change together; after a work
   * history change the work-derived fields are computed again from the items.
   */
  apply: (wxUserId: string, params: ExtendParams, requestId?: string) => Promise<AddedItem>
}

declare module 'fastify' {
  interface FastifyInstance {
    resumeItemOperations: ResumeItemOperations
  }
}

/** `/wx/resume/extend`: adding, changing and deleting the items of a resume (jobs, education, honours, vehicles). */
export const resumeItemOperations = fp<ResumeRulesOptions>(async (app, { timeZone, clock = () => new Date() }) => {
  const { resumes, resumeItems, imageCheck } = app

  /** The caller's resume; `resume_id`, when given (not blank), must name it. */
  async function ownResume (wxUserId: string, resumeId: string | undefined): Promise<ResumeDocument> {
    const resume = await resumes.findByOwner(wxUserId)
    if (resumeId !== undefined && resumeId !== '' && resumeId !== resume?._id) throw new ResumeNotYoursError()
    if (!resume) throw new NoResumeError()
    return resume
  }

  /** The kind's fields from the parameters, with a checked `image_id` and media's url. */
  async function fieldsOf (
    kind: ItemKindName, wxUserId: string, params: ExtendParams, requestId?: string
  ): Promise<Partial<ResumeItem>> {
    const fields: Partial<ResumeItem> = itemFields(kind, params, timeZone)
    const { image: slot }: ItemKind = ITEM_KINDS[kind]
    if (slot && params.image_id !== undefined && params.image_id !== '') {
      const image = await imageCheck.verify(wxUserId, params.image_id, { ...slot, requestId })
      fields.image_id = image.id
      fields.image_url = image.url
    }
    return fields
  }

  /**
   * The work-derived fields from the jobs in the list as it is now. Whoever
   * changed the history last writes them (`work_rev`), so parallel changes end
   * with fields that match every job, whatever order they finished in.
   */
  async function syncWorkFields (resume: ResumeDocument): Promise<void> {
    const jobs = await resumeItems.findInOrder('work', resume.work_history)
    const fields = deriveWorkHistoryFields(jobs, calendarDayOf(clock(), timeZone), timeZone)
    await resumes.setWorkFields(resume._id, resume.work_rev, fields)
  }

  /** The item a `update_`/`delete_` names: it must be in the resume's list and belong to it. */
  async function ownItem (kind: ItemKindName, resume: ResumeDocument, params: ExtendParams): Promise<ResumeItem> {
    const { idParam, list } = ITEM_KINDS[kind]
    const id = params[idParam]
    if (id === undefined || id === '') throw new ItemIdRequiredError(idParam)
    const item = resume[list].includes(id) ? await resumeItems.findOwned(kind, id, resume._id) : null
    if (!item) throw new ItemNotFoundError()
    return item
  }

  app.decorate('resumeItemOperations', {
    async apply (wxUserId, params, requestId) {
      const operation = parseOperation(params.opt)
      if (!operation) throw new UnknownOperationError(params.opt)
      const { action, kind } = operation
      const { list, idParam } = ITEM_KINDS[kind]
      const resume = await ownResume(wxUserId, params.resume_id)
      let changed: ResumeDocument | null
      let added: AddedItem = {}
      if (action === 'add') {
        const fields = await fieldsOf(kind, wxUserId, params, requestId)
        checkPeriod(fields)
        const id = await resumeItems.insert(kind, { ...fields, driver_id: resume._id, create_date: clock() })
        // The list is where an item becomes part of the resume: inserted first, then listed.
        changed = await resumes.changeList(resume._id, list, { push: id }, clock())
        added = { [idParam]: id }
      } else if (action === 'update') {
        const item = await ownItem(kind, resume, params)
        const fields = await fieldsOf(kind, wxUserId, params, requestId)
        const cleared = clearedItemFields(kind, params)
        const after: Partial<ResumeItem> = { ...item, ...fields }
        for (const name of cleared) delete after[name]
        checkPeriod(after)
        await resumeItems.update(kind, item._id, resume._id, fields, cleared)
        changed = await resumes.touch(resume._id, list, clock())
      } else {
        const item = await ownItem(kind, resume, params)
        // Unlisted first: a crash in between leaves an orphan no one sees, never a dangling id.
        changed = await resumes.changeList(resume._id, list, { pull: item._id }, clock())
        if (!changed) throw new ItemNotFoundError()
        await resumeItems.remove(kind, item._id, resume._id)
      }
      if (kind === 'work' && changed) await syncWorkFields(changed)
      return added
    }
  } satisfies ResumeItemOperations)
}, { name: 'resume-item-operations', dependencies: ['resume-repository', 'resume-item-repository', 'image-check'] })
