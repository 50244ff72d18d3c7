import { Type, type Static } from 'typebox'
import { defineRequest } from './define.js'
import { IsoDateTime, ObjectIdString } from './primitives.js'

/**
 * Sales people's and agencies' applications for review (seed 000's wx_user
 * `checked`): the resumes service keeps them, identity's administrators decide
 * them through `/users/wx_applications`.
 */

/** `checked`: 1 waiting, 2 approved, -1 rejected. */
export const ReviewState = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(-1)])
export type ReviewState = Static<typeof ReviewState>

/** 1 sales person, 2 agency, 3 broker. */
export const SalesRole = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3)])
export type SalesRole = Static<typeof SalesRole>

const Text = Type.Optional(Type.String())

export const WxApplication = Type.Object({
  id: ObjectIdString,
  checked: ReviewState,
  nickName: Text,
  phone: Text,
  contacts: Text,
  contactsNum: Text,
  contactsEmail: Text,
  /** The licence photo's image id (media), when the applicant gave one. */
  businessLicenseImage: Type.Optional(ObjectIdString),
  appliedAt: Type.Optional(IsoDateTime),
  role: Type.Optional(SalesRole),
  name: Text,
  identityCode: Text,
  relateImage: Text,
  rejectReason: Text,
  reviewedAt: Type.Optional(IsoDateTime),
  reviewerId: Type.Optional(Type.Integer({ description: "the user center's id of who decided" }))
})
export type WxApplication = Static<typeof WxApplication>

/** A page of applications in one state, the oldest application first. */
export const WxApplicationsList = defineRequest('wx_applications.list', {
  payload: Type.Object({
    checked: ReviewState,
    pageNo: Type.Integer({ minimum: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100 })
  }),
  reply: Type.Object({ total: Type.Integer({ minimum: 0 }), items: Type.Array(WxApplication) })
})

/** One application (a WeChat user who has applied at least once). */
export const WxApplicationsFind = defineRequest('wx_applications.find', {
  payload: Type.Object({ id: ObjectIdString }),
  reply: Type.Union([
    Type.Object({ found: Type.Literal(true), application: WxApplication }),
    Type.Object({ found: Type.Literal(false) })
  ])
})

export const ApproveDecision = Type.Object({
  checked: Type.Literal(2),
  role: SalesRole,
  name: Type.String({ minLength: 1, maxLength: 64 }),
  identityCode: Type.String({ minLength: 1, maxLength: 64 }),
  /** The person's permanent QR code (scene = their id), made before the decision is asked for. */
  relateImage: Type.String({ pattern: '^https?://' })
})
export const RejectDecision = Type.Object({
  checked: Type.Literal(-1),
  rejectReason: Type.String({ minLength: 1, maxLength: 500 })
})

/**
 * Approves or rejects an application that is waiting (checked = 1), in one
 * conditional update: of two decisions at once, one is taken; the other is
 * `not_waiting`, as is a decision on an application decided already.
 */
export const WxApplicationsDecide = defineRequest('wx_applications.decide', {
  payload: Type.Object({
    id: ObjectIdString,
    reviewerId: Type.Integer(),
    decision: Type.Union([ApproveDecision, RejectDecision])
  }),
  reply: Type.Union([
    Type.Object({ decided: Type.Literal(true), application: WxApplication }),
    Type.Object({
      decided: Type.Literal(false),
      why: Type.Union([Type.Literal('not_found'), Type.Literal('not_waiting')])
    })
  ])
})
