import { Type, type Static } from 'typebox'
import Value from 'typebox/value'
import type { MefpCodec } from './codec.js'

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

/** How the envelope travels both ways. */
export const MEFP_CONTENT_TYPE = 'application/json'
/** The only status MeFP answers with; any other is no answer, whatever its body. */
export const MEFP_ANSWER_STATUS = 200
/** MeFP's answers are a few hundred bytes; anything past this is not one. */
export const MAX_MEFP_ANSWER_BYTES = 64 * 1024

const Text = Type.String({ minLength: 1, maxLength: 200 })
/** The decrypted requests, one per operation. */
export const MefpRequestSchemas = {
  login: Type.Object({ login_name: Text, password: Text }),
  register: Type.Object({ login_name: Text, password: Text }),
  check: Type.Object({ login_name: Text }),
  /** `old_password` is absent for a reset the caller proved another way (an SMS code). */
  password: Type.Object({ login_name: Text, new_password: Text, old_password: Type.Optional(Text) })
}
export type MefpRequests = { [O in MefpOperation]: Static<(typeof MefpRequestSchemas)[O]> }

/** The body both ways: the encrypted JSON as Base64 text. */
export const MefpEnvelopeSchema = Type.Object({ data: Type.String() })
export type MefpEnvelope = Static<typeof MefpEnvelopeSchema>

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

/** The decrypted `result: 1` answers, one per operation. */
export const MefpAnswerSchemas = {
  login: MefpDoneSchema,
  register: MefpDoneSchema,
  check: MefpCheckAnswerSchema,
  password: MefpDoneSchema
}
export type MefpAnswers = { [O in MefpOperation]: Static<(typeof MefpAnswerSchemas)[O]> }

/**
 * A body that is not an envelope (the reason completes "a body …"), in our own words, never MeFP's bytes
 * (they may echo a request).
 */
export class MefpEnvelopeError extends Error {
  constructor (reason: string) {
    super(reason)
    this.name = 'MefpEnvelopeError'
  }
}

/** A request or an answer as it travels: JSON text of the envelope. */
export const sealMefpBody = (codec: MefpCodec, value: unknown): string =>
  JSON.stringify({ data: codec.encrypt(value) } satisfies MefpEnvelope)

/**
 * The decrypted value inside an envelope already parsed from JSON; throws `MefpEnvelopeError` or the codec's
 * `MefpCodecError`.
 */
export function openMefpEnvelope (codec: MefpCodec, body: unknown): unknown {
  if (!Value.Check(MefpEnvelopeSchema, body)) throw new MefpEnvelopeError('without its "data" text')
  return codec.decrypt(body.data)
}

/** The decrypted value inside a body's JSON text; throws as `openMefpEnvelope` does, and for text that is not JSON. */
export function openMefpBody (codec: MefpCodec, text: string): unknown {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new MefpEnvelopeError('that is not JSON')
  }
  return openMefpEnvelope(codec, parsed)
}
