import type { Static, TSchema } from 'typebox'

/** Something that happened, announced to whoever listens; named in the past tense. */
export interface EventContract<Name extends string = string, Payload extends TSchema = TSchema> {
  readonly kind: 'event'
  readonly name: Name
  readonly payload: Payload
}

/** A question exactly one service answers. */
export interface RequestContract<
  Name extends string = string,
  Payload extends TSchema = TSchema,
  Reply extends TSchema = TSchema
> {
  readonly kind: 'request'
  readonly name: Name
  readonly payload: Payload
  readonly reply: Reply
}

/** Dot-separated lowercase words: the routing key on the wire, so no `*` or `#`. */
const MESSAGE_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/

function checkName (name: string): void {
  if (!MESSAGE_NAME.test(name)) {
    throw new Error(`Message name "${name}" must be lowercase words joined by dots, like "sms.phone_verified"`)
  }
}

export function defineEvent<const Name extends string, Payload extends TSchema> (
  name: Name,
  payload: Payload
): EventContract<Name, Payload> {
  checkName(name)
  return { kind: 'event', name, payload }
}

export function defineRequest<const Name extends string, Payload extends TSchema, Reply extends TSchema> (
  name: Name,
  schemas: { payload: Payload, reply: Reply }
): RequestContract<Name, Payload, Reply> {
  checkName(name)
  return { kind: 'request', name, payload: schemas.payload, reply: schemas.reply }
}

export type EventPayloadOf<C extends EventContract> = Static<C['payload']>
export type RequestPayloadOf<C extends RequestContract> = Static<C['payload']>
export type ReplyOf<C extends RequestContract> = Static<C['reply']>
