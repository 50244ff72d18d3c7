/** How much one WeChat user may store: MEDIA_USER_IMAGES_PER_DAY, MEDIA_USER_BYTES_PER_DAY, MEDIA_USER_IMAGES_TOTAL. */
export interface UploadLimits {
  imagesPerDay: number
  bytesPerDay: number
  imagesTotal: number
}

/**
 * One user's counters, the only thing a check reads or writes: the images they hold
 * in all, and the images and bytes of `day` (their latest day of uploads). A new day
 * starts from zero by overwriting the day's fields, so nothing per day accumulates.
 */
export interface QuotaCounters {
  /** The WeChat user id. */
  _id: string
  images: number
  day: string
  dayImages: number
  dayBytes: number
}

export type QuotaRefusal = 'images-total' | 'images-per-day' | 'bytes-per-day'

const dayFormats = new Map<string, Intl.DateTimeFormat>()

/** The calendar day (`2026-12-07`) uploads count against, in the platform's TIME_ZONE. */
export function quotaDay (at: Date, timeZone: string): string {
  // Made once per zone: building a format costs more than the rest of a check.
  let format = dayFormats.get(timeZone)
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    dayFormats.set(timeZone, format)
  }
  return format.format(at)
}

/**
 * Which limit keeps `reserve` more bytes from being taken, given the counters as they
 * stand (null: the user has none yet). Null when they would be let through, as a
 * concurrent release may have made room since the refused write.
 */
export function refusalOf (
  counters: QuotaCounters | null, day: string, reserve: number, limits: UploadLimits
): QuotaRefusal | null {
  if (counters === null) return null
  if (counters.images >= limits.imagesTotal) return 'images-total'
  if (counters.day !== day) return null
  if (counters.dayImages >= limits.imagesPerDay) return 'images-per-day'
  if (counters.dayBytes + reserve > limits.bytesPerDay) return 'bytes-per-day'
  return null
}
