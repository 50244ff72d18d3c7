import type { App } from '@driver/kit'
import type { Contracts, RequestPayload, WxApplication } from '@driver/contracts'
import {
  ApplicationDecidedError, ApplicationNotFoundError, LicenceNotFoundError, QrCodeFailedError
} from '../errors.js'

/** A QR code is made at WeChat (and the token perhaps renewed first): longer than the bus's default wait. */
const QR_CODE_TIMEOUT_MS = 30_000
/** A licence photo crosses the bus whole, at most MEDIA_MAX_BYTES. */
const IMAGE_TIMEOUT_MS = 20_000

export type DecisionPayload = RequestPayload<Contracts, 'wx_applications.decide'>

/** The resumes service's application (`wx_applications.find`); 404 when the WeChat user never applied. */
export async function findApplication (app: App, id: string, requestId: string): Promise<WxApplication> {
  const reply = await app.bus.request('wx_applications.find', { id }, { requestId })
  if (!reply.found) throw new ApplicationNotFoundError()
  return reply.application
}

/**
 * The approved person's permanent QR code (scene = their wx_user id), from the
 * media service, which holds the official account's token. Its picture's URL.
 */
export async function createQrCode (app: App, scene: string, requestId: string): Promise<string> {
  const reply = await app.bus.request('wechat.create_qr_code', { scene }, { requestId, timeout: QR_CODE_TIMEOUT_MS })
  if (!reply.created) throw new QrCodeFailedError(reply.reason)
  return reply.imageUrl
}

/** `wx_applications.decide`: one decision of a waiting application; 409 when it is not waiting (any more). */
export async function decideApplication (
  app: App, payload: DecisionPayload, requestId: string
): Promise<WxApplication> {
  const reply = await app.bus.request('wx_applications.decide', payload, { requestId })
  if (reply.decided) return reply.application
  throw reply.why === 'not_found' ? new ApplicationNotFoundError() : new ApplicationDecidedError()
}

/** The licence photo's bytes (`media.read_image`, table business_license_image only). */
export async function readLicence (
  app: App, imageId: string, requestId: string
): Promise<{ contentType: string, sha256: string, bytes: Buffer }> {
  const reply = await app.bus.request('media.read_image', { id: imageId, table: 'business_license_image' }, {
    requestId, timeout: IMAGE_TIMEOUT_MS
  })
  if (!reply.found) throw new LicenceNotFoundError()
  return { contentType: reply.contentType, sha256: reply.sha256, bytes: Buffer.from(reply.base64, 'base64') }
}
