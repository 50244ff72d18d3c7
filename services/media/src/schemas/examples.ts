import type { ImageTable } from '@driver/contracts'
import type { Static } from 'typebox'
import { IMAGE_TABLES } from '../domain/image-tables.js'
import type { AutoDownloadSchema, UploadAnswerSchema } from './images.js'
import type { JsSdkConfigAnswerSchema, JsSdkConfigSchema } from './jssdk.js'

/** What the API document shows for each route. */
const IMAGE_ID = '6650a1f2c3d4e5f6012345a1'
const IMAGE_URL = `/wx/images/${IMAGE_ID}`

export const autoDownloadExample: Static<typeof AutoDownloadSchema> = {
  server_id: 'Lh8Jx2kPq9Vd3sMf7Tg1Yc5Rb0Nw4Ea6Zu'
}

/** The seed's answer names the id and its url after the table's (first) field. */
export function downloadAnswerExample (table: ImageTable): Record<string, string> {
  const [field = table] = IMAGE_TABLES[table]
  return { message: 'success', [field]: IMAGE_ID, [`${field}_url`]: IMAGE_URL, url: IMAGE_URL }
}

export const uploadAnswerExample: Static<typeof UploadAnswerSchema> = {
  message: 'success', url: IMAGE_URL, id: IMAGE_ID
}

export const jsSdkConfigExample: Static<typeof JsSdkConfigSchema> = { url: 'http://127.0.0.1:8080/resume.html' }

export const jsSdkConfigAnswerExample: Static<typeof JsSdkConfigAnswerSchema> = {
  message: 'success',
  appId: 'wx0000000000000000',
  timestamp: 1714521600,
  nonceStr: 'Wm3WZYTPz0wzccnW',
  signature: '0f9de62fce790f9a083d5c99e95740ceb90c27ed'
}
