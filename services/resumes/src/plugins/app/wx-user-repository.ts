import fp from 'fastify-plugin'
import { DuplicateKeyError, type Filter, type Update } from '@driver/store'
import { APPLY_FROM, REVIEW_APPLIED } from '../../domain/review-application.js'

/**
 * A WeChat user as stored (seed 000's wx_user model). `_id` is a 24-hex string:
 * the session's `sub` and the `wxUserId` of `sms.phone_verified` name it.
 */
export interface WxUser {
  _id: string
  phone?: string
  /** When `phone` was proven by SMS (the only way it is set). */
  phone_verified_at?: Date
  email?: string
  address?: string
  nick_name?: string
  sex?: number
  openid?: string
  unionid?: string
  country?: string
  province?: string
  city?: string
  head_img_url?: string
  subscribe?: number
  subscribe_scene?: string
  subscribe_time?: Date
  /** WeChat's web OAuth tokens: stored, never answered nor logged. */
  access_token?: string
  expires_in?: number
  /** When `access_token` was obtained. */
  time?: Date
  refresh_token?: string
  /** 1 sales, 2 agency, 3 broker; absent or 0 an ordinary user. */
  role?: number
  resume_id?: string
  relate_time?: Date
  relate_id?: string
  /** Review of a sales/agency application: absent/0 none, 1 applied, 2 approved, -1 rejected. */
  checked?: number
  reject_reason?: string
  /** When the user last applied (from no application or a rejected one). */
  applied_time?: Date
  /** When a reviewer decided, and who (the user center's user id). */
  reviewed_time?: Date
  reviewer_id?: number
  authenticity?: boolean
  relate_image?: string
  name?: string
  contacts?: string
  contacts_num?: string
  contacts_email?: string
  identity_code?: string
  business_license_image?: string
  business_license_image_url?: string
}

/** The profile a WeChat login brings, which the user may edit afterwards (`/wx/self_info/update`). */
export const WECHAT_PROFILE_FIELDS = ['nick_name', 'sex', 'country', 'province', 'city', 'head_img_url'] as const

/** What a WeChat login brings: the user info and the tokens, keyed by `openid`. */
export type WechatLogin = Required<Pick<WxUser,
  'openid' | 'nick_name' | 'sex' | 'country' | 'province' | 'city' | 'head_img_url' |
  'access_token' | 'expires_in' | 'time' | 'refresh_token'
>> & Pick<WxUser, 'unionid'>

/** Fields a user may change on their own profile (the route decides which). */
export type ProfileChanges = Partial<Omit<WxUser, '_id'>>

export interface WxUserRepository {
  findById: (id: string) => Promise<WxUser | null>
  /** The user WeChat knows by this openid (a silent login's only answer). */
  findByOpenid: (openid: string) => Promise<WxUser | null>
  /** Links the user to their resume (created by `/wx/resume/opt`). */
  setResumeId: (id: string, resumeId: string) => Promise<void>
  /**
   * Creates or refreshes the user of an `openid`; two logins at once still give one
   * user. Tokens and unionid are refreshed; the profile fills only absent fields.
   */
  saveLogin: (login: WechatLogin) => Promise<WxUser>
  /**
   * Binds a phone verified at `verifiedAt` (`sms.phone_verified`), unless a later
   * verification is bound already (events may arrive out of order). The user as
   * it is afterwards; null for a user who never logged in, who is not created.
   */
  bindPhone: (id: string, phone: string, verifiedAt: Date) => Promise<WxUser | null>
  /**
   * Applies `changes` to the user; with `applyForReview`, also `checked: 1`, but only
   * while the user's review is absent, 0, -1 or already 1. Coming from absent, 0 or -1
   * it records `applied_time` and drops the old `reject_reason`; re-sent while waiting,
   * the application keeps its place. Null when the user is unknown or the review state
   * forbids it: then nothing changed.
   */
  updateProfile: (id: string, changes: ProfileChanges, options?: { applyForReview?: boolean }) => Promise<WxUser | null>
}

declare module 'fastify' {
  interface FastifyInstance {
    wxUsers: WxUserRepository
  }
}

/** Review states from which a user applies anew; in a filter `null` also matches an absent field. */
const APPLY = APPLY_FROM.map((state) => state ?? null)

/** The `wx_user` collection, one document per WeChat user, unique by `openid`. */
export const wxUserRepository = fp(async (app) => {
  const users = app.store.collection<WxUser>('wx_user')
  // Sparse: users that earlier versions bound by phone before any login have no openid.
  await users.createIndex({ openid: 1 }, { unique: true, sparse: true })

  // Tokens (and unionid, when WeChat gives one) are WeChat's: every login refreshes them.
  const upsertLogin = async (login: WechatLogin): Promise<WxUser | null> => {
    const { openid, unionid, access_token, expires_in, time, refresh_token } = login
    const tokens = { access_token, expires_in, time, refresh_token, ...(unionid === undefined ? {} : { unionid }) }
    return users.findOneAndUpdate({ openid }, { $set: tokens }, { upsert: true, returnDocument: 'after' })
  }

  /**
   * The profile WeChat gives fills only the fields the user has none of (a first
   * login): `/wx/self_info/update` lets the user change them, and a later login
   * must not undo that. Conditional on the fields still being absent, so an edit
   * racing a login wins.
   */
  async function fillProfile (user: WxUser, login: WechatLogin): Promise<WxUser> {
    const missing = WECHAT_PROFILE_FIELDS.filter((field) => user[field] === undefined)
    if (missing.length === 0) return user
    const absent = Object.fromEntries(missing.map((field) => [field, { $exists: false }]))
    const fill = Object.fromEntries(missing.map((field) => [field, login[field]]))
    return await users.findOneAndUpdate({ _id: user._id, ...absent }, { $set: fill }, { returnDocument: 'after' }) ??
      await users.findOne({ _id: user._id }) ?? user
  }

  app.decorate('wxUsers', {
    async findById (id) {
      return users.findOne({ _id: id })
    },
    async findByOpenid (openid) {
      return users.findOne({ openid })
    },
    async setResumeId (id, resumeId) {
      await users.updateOne({ _id: id }, { $set: { resume_id: resumeId } })
    },
    async saveLogin (login) {
      let saved: WxUser | null = null
      try {
        saved = await upsertLogin(login)
      } catch (error) {
        // Two first logins of one openid race: the loser's insert hits the unique index,
        // and its retry finds the winner's document and updates it.
        if (!(error instanceof DuplicateKeyError)) throw error
      }
      saved ??= await upsertLogin(login)
      if (!saved) throw new Error('wx_user upsert returned nothing')
      return fillProfile(saved, login)
    },
    async bindPhone (id, phone, verifiedAt) {
      // In a filter `null` also matches an absent field: a first verification.
      const notLater = { $or: [{ phone_verified_at: null }, { phone_verified_at: { $lte: verifiedAt } }] }
      const bound = { $set: { phone, phone_verified_at: verifiedAt } }
      return await users.findOneAndUpdate({ _id: id, ...notLater }, bound, { returnDocument: 'after' }) ??
        await users.findOne({ _id: id })
    },
    async updateProfile (id, changes, { applyForReview = false } = {}) {
      const after = { returnDocument: 'after' } as const
      const change = async (filter: Filter<WxUser>) => Object.keys(changes).length > 0
        ? await users.findOneAndUpdate(filter, { $set: changes }, after)
        : await users.findOne(filter)
      if (!applyForReview) return change({ _id: id })
      const apply: Update<WxUser> = {
        $set: { ...changes, checked: REVIEW_APPLIED, applied_time: new Date() }, $unset: { reject_reason: true }
      }
      const applied = await users.findOneAndUpdate({ _id: id, checked: { $in: APPLY } }, apply, after)
      // Already waiting: the corrections are kept, and the application keeps its place in the queue.
      return applied ?? change({ _id: id, checked: REVIEW_APPLIED })
    }
  } satisfies WxUserRepository)
}, { name: 'wx-user-repository', dependencies: ['store'] })
