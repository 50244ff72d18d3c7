import type { ImageField, ImageTable } from '@driver/contracts'
import { FieldRequiredError, TableMismatchError, UnknownFieldError } from '../errors.js'

/**
 * The seed's image tables and the fields their ids are saved in (seed 000,
 * 上传图片): `/wx/auto_download/<table>` takes `field_name` from this list.
 */
export const IMAGE_TABLES: Readonly<Record<ImageTable, readonly ImageField[]>> = {
  head_image: ['head_image'],
  id_image: ['id_image_face', 'id_image_back'],
  honor_image: ['image_id'],
  vehicle_image: ['image_id'],
  driving_license_image: ['dl_image'],
  rtqc_image: ['rtqc_image'],
  business_license_image: ['business_license_image']
}

export const TABLE_NAMES = Object.keys(IMAGE_TABLES) as ImageTable[]

/**
 * `/wx/resume_image/save/<kind>`: every table. The seed's paused direct upload lists six; the
 * business licence joins them so the profile page works outside WeChat too.
 */
export const UPLOAD_KINDS: readonly ImageTable[] = TABLE_NAMES

/** Identity and licence photos are personal data: only their owner may see them. */
const PERSONAL_TABLES: ReadonlySet<ImageTable> = new Set([
  'id_image', 'driving_license_image', 'rtqc_image', 'business_license_image'
])

export function isPersonal (table: ImageTable): boolean {
  return PERSONAL_TABLES.has(table)
}

/** Whether a session's user may see an image: its owner always, anyone else only a non-personal one. */
export function mayView (image: { owner: string, table: ImageTable }, viewer: string): boolean {
  return image.owner === viewer || !isPersonal(image.table)
}

/**
 * The field an image is stored for: `table_name`, when given, must be the path's
 * table; `field_name` must be one of the table's fields, and may be left out when
 * the table has only one.
 */
export function fieldFor (table: ImageTable, given: { table_name?: string, field_name?: string }): ImageField {
  if (given.table_name !== undefined && given.table_name !== '' && given.table_name !== table) {
    throw new TableMismatchError()
  }
  const allowed = IMAGE_TABLES[table]
  const named = given.field_name
  if (named === undefined || named === '') {
    const [only] = allowed
    if (allowed.length === 1 && only !== undefined) return only
    throw new FieldRequiredError(allowed.join(' 或 '))
  }
  const field = allowed.find((candidate) => candidate === named)
  if (field === undefined) throw new UnknownFieldError(allowed.join(' 或 '))
  return field
}
