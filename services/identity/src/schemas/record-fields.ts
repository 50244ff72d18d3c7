import { Type } from 'typebox'

/** Free text on a consignor or driver record: bounded, so a record stays small. */
export const RecordText = (maxLength: number, description: string) => Type.String({ maxLength, description })

/** A field the seed marks as not nullable (可空 N): when sent, it has content. */
export const RequiredText = (maxLength: number, description: string) =>
  Type.String({ minLength: 1, maxLength, description })

/** The caller's own login name, as the seed's create forms carry it. */
export const OwnLoginName = Type.String({
  minLength: 1,
  maxLength: 64,
  description: "the caller's own login name (a record is added only to one's own account)"
})

/** A record id in a path: the integer from the `consignors` or `drivers` counter. */
export const RecordIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }) })

/** A coordinate of the driver's latest position; null until one is known. */
export const Coordinate = (description: string) => Type.Union([Type.Number(), Type.Null()], { description })

/** What every successful change answers. */
export const RecordChangedSchema = Type.Object({ result: Type.Literal(1) })

/** What adding a record answers: the seed's `{"result":1}` with the new record's id, for the forms that change it. */
export const RecordCreatedSchema = Type.Object({ result: Type.Literal(1), id: Type.Integer() })

/**
 * How answers show what a user or record lacks (seed 004: "值为null时,取key=\"\""):
 * a missing text is '', an unknown position null.
 */
export const textOrEmpty = (value: string | undefined | null): string => value ?? ''
export const coordinateOrNull = (value: number | undefined): number | null => value ?? null
