import { ObjectIdString } from '@driver/contracts'
import { CalendarDate } from '@driver/kit'
import { Type } from 'typebox'

/** Free text a user types; bounded so a record stays small. */
export const Text = (maxLength: number, description?: string) => Type.String({ maxLength, description })

/** A calendar date: `2010-12-1` in a request, `2010-12-01` in an answer. */
export const DateText = (description: string) => Type.String({ ...CalendarDate, description })

/** The schema's pattern, or blank: pages post their empty inputs (README, "Blank fields"). */
const orBlank = (schema: object): string => `^$|${(schema as { pattern: string }).pattern}`

/** A date a client sends: a calendar date, or blank to remove it. */
export const DateInput = (description: string) => Type.String({
  ...CalendarDate, pattern: orBlank(CalendarDate), description
})

/**
 * An id the media service gave the page (`/wx/auto_download/<table>`), checked with
 * `media.describe` before it is saved; or blank, to remove the image and its url.
 */
export const ImageIdInput = (description: string) => Type.String({
  ...ObjectIdString, pattern: orBlank(ObjectIdString), description
})

/** The id of a record of the caller's; blank counts as not sent (a page's hidden input before the record exists). */
export const RecordIdInput = (description: string) => Type.String({
  ...ObjectIdString, pattern: orBlank(ObjectIdString), description
})

/** An instant set by the server, in an answer: `2024-05-01 08:30:00` in TIME_ZONE. */
export const DateTimeText = (description: string) => Type.String({ description })

/** Truck loads and lengths: the seed's bands (1.8/6/14 t, 6/9.6/17.5 m), -1 above the last. */
export const VehicleSize = (description: string) => Type.Number({ minimum: -1, maximum: 1000, description })
