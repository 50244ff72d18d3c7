import fp from 'fastify-plugin'
import type { Contracts, RequestPayload, WxApplication } from '@driver/contracts'
import type { Update } from '@driver/store'
import { REVIEW_APPLIED, REVIEW_APPROVED } from '../../domain/review-application.js'
import { wxApplicationOf } from '../../domain/wx-application-view.js'
import type { WxUser } from './wx-user-repository.js'

type ListQuery = RequestPayload<Contracts, 'wx_applications.list'>
type DecidePayload = RequestPayload<Contracts, 'wx_applications.decide'>

export type DecideOutcome =
  | { decided: true, application: WxApplication }
  | { decided: false, why: 'not_found' | 'not_waiting' }

export interface WxApplicationRepository {
  /** A page of one state: waiting applications oldest first, decided ones the latest decision first. */
  list: (query: ListQuery) => Promise<{ total: number, items: WxApplication[] }>
  /** A user who has applied (checked 1, 2 or -1); null for anyone else. */
  find: (id: string) => Promise<WxApplication | null>
  /**
   * Approves or rejects a waiting application in one conditional update on `checked: 1`:
   * of two decisions at once exactly one is taken; the other is `not_waiting`.
   */
  decide: (decision: DecidePayload, now: Date) => Promise<DecideOutcome>
}

declare module 'fastify' {
  interface FastifyInstance {
    wxApplications: WxApplicationRepository
  }
}

const REVIEWED = [REVIEW_APPLIED, REVIEW_APPROVED, -1]

/** `app.wxApplications`: the review side of `wx_user` (seed 000's checked, role, relate_image…). */
export const wxApplicationRepository = fp(async (app) => {
  const users = app.store.collection<WxUser>('wx_user')
  await users.createIndex({ checked: 1 })

  app.decorate('wxApplications', {
    async list ({ checked, pageNo, pageSize }) {
      const sort = checked === REVIEW_APPLIED ? { applied_time: 1 as const } : { reviewed_time: -1 as const }
      const [total, page] = await Promise.all([
        users.countDocuments({ checked }),
        users.find({ checked }, { sort, skip: (pageNo - 1) * pageSize, limit: pageSize })
      ])
      return { total, items: page.map(wxApplicationOf) }
    },
    async find (id) {
      const user = await users.findOne({ _id: id, checked: { $in: REVIEWED } })
      return user ? wxApplicationOf(user) : null
    },
    async decide ({ id, reviewerId, decision }, now) {
      const reviewed = { reviewed_time: now, reviewer_id: reviewerId }
      const update: Update<WxUser> = decision.checked === REVIEW_APPROVED
        ? {
            $set: {
              ...reviewed,
              checked: REVIEW_APPROVED,
              role: decision.role,
              name: decision.name,
              identity_code: decision.identityCode,
              authenticity: true,
              relate_image: decision.relateImage
            },
            $unset: { reject_reason: true }
          }
        : { $set: { ...reviewed, checked: decision.checked, reject_reason: decision.rejectReason } }
      const decided = await users.findOneAndUpdate({ _id: id, checked: REVIEW_APPLIED }, update, {
        returnDocument: 'after'
      })
      if (decided) return { decided: true, application: wxApplicationOf(decided) }
      return { decided: false, why: await users.findOne({ _id: id }) ? 'not_waiting' : 'not_found' }
    }
  } satisfies WxApplicationRepository)
}, { name: 'wx-application-repository', dependencies: ['store', 'wx-user-repository'] })
