import { Type, type Static } from 'typebox'

/**
 * MeFP's wire format as we assume it (its own document is not available to us).
 * The client and the simulator both follow this file, so a correction made here
 * is made once; the identity README describes the same format.
 *
 * Every call is `POST <MEFP_URL><path>` with the JSON body `{"data":"<Base64 of
 * AES-256-CBC of the JSON request>"}`; MeFP answers HTTP 200 with `{"data":"<the
 * same of the JSON answer>"}`. A decrypted answer is `{"result":1,...}` (done) or
 * `{"result":0,"msg":"<reason>","code":<MeFP's code>}` (refused).
 */
export const MEFP_PATHS = {
  login: '/auth/login',
  register: '/auth/register',
  check: '/auth/check',
  password: '/auth/password'
} as const
export type MefpOperation = keyof typeof MEFP_PATHS

/** The decrypted requests, one per operation. */
export interface MefpRequests {
  login: { login_name: string, password: string }
  register: { login_name: string, password: string }
  check: { login_name: string }
  /** `old_password` is absent for a reset the caller proved another way (an SMS code). */
  password: { login_name: string, new_password: string, old_password?: string }
}

/** The body both ways: the encrypted JSON as Base64 text. */
export const MefpEnvelopeSchema = Type.Object({ data: Type.String() })

/** `result: 0`: MeFP said no. `code` may be a number or text; both are kept as text. */
export const MefpRefusalSchema = Type.Object({
  result: Type.Literal(0),
  msg: Type.Optional(Type.String()),
  code: Type.Optional(Type.Union([Type.String(), Type.Number()]))
})
export type MefpRefusal = Static<typeof MefpRefusalSchema>

/** `result: 1` of login, register and password: nothing else is needed. */
export const MefpDoneSchema = Type.Object({ result: Type.Literal(1) })

/** `result: 1` of check: whether the account exists, and where and when it was registered. */
export const MefpCheckAnswerSchema = Type.Object({
  result: Type.Literal(1),
  exists: Type.Boolean(),
  reg_app: Type.Optional(Type.String()),
  reg_time: Type.Optional(Type.String())
})
export type MefpCheckAnswer = Static<typeof MefpCheckAnswerSchema>

/** MeFP's answers are a few hundred bytes; anything past this is not one. */
export const MAX_MEFP_ANSWER_BYTES = 64 * 1024
