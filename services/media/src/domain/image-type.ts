import type { ImageContentType } from '@driver/contracts'
import { fileTypeFromBuffer } from 'file-type'

/** file-type's own sample size: enough for every format it tells apart. */
export const SNIFF_BYTES = 4100

const IMAGE_TYPES: ReadonlySet<string> = new Set<ImageContentType>([
  'image/jpeg', 'image/png', 'image/gif', 'image/webp'
])

/**
 * The image type the first bytes show, or undefined for anything else (text,
 * an error page, SVG, HEIC…). The content type WeChat or a browser declares
 * is never consulted: it is whatever the sender says.
 */
export async function imageTypeOf (head: Uint8Array): Promise<ImageContentType | undefined> {
  const detected = await fileTypeFromBuffer(head)
  return detected !== undefined && IMAGE_TYPES.has(detected.mime) ? detected.mime as ImageContentType : undefined
}
