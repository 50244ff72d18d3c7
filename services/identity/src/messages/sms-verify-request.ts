import type { App } from '@driver/kit'
import type { SmsPurpose } from '@driver/contracts'
import { CaptchaRefusedError } from '../errors.js'

/**
 * Checks (and uses up) a code with the sms service (`sms.verify`); wrong,
 * expired or locked codes answer 400. The broker out of reach rejects with the
 * bus's error, which answers 503.
 */
export async function verifyCode (
  app: App, phone: string, purpose: SmsPurpose, code: string, requestId: string
): Promise<void> {
  const reply = await app.bus.request('sms.verify', { phone, purpose, code }, { requestId })
  if (!reply.verified) throw new CaptchaRefusedError(reply.reason)
}
