import type { App } from '@driver/kit'
import type { SmsPurpose } from '@driver/contracts'
import { CaptchaLimitedError, CaptchaNotSentError, CaptchaRefusedError } from '../errors.js'

/**
 * The sms service's sending limits: too soon after the last code, the phone's daily cap,
 * the client address's hourly sends, or the platform's SMS budget.
 */
const LIMIT_CODES = new Set(['SMS_RESEND_TOO_SOON', 'SMS_DAILY_LIMIT', 'SMS_IP_LIMIT', 'SMS_BUDGET_EXHAUSTED'])

/**
 * Asks the sms service (`sms.send`) to text a code; its refusal comes back
 * with its own message. `clientIp` is the address the gateway asserted, which the
 * sms service counts the send against. The broker out of reach rejects with the
 * bus's error, which answers 503.
 */
export async function sendCode (
  app: App, phone: string, purpose: SmsPurpose, { requestId, clientIp }: { requestId: string, clientIp: string }
): Promise<void> {
  const reply = await app.bus.request('sms.send', { phone, purpose, clientIp }, { requestId })
  if (reply.sent) return
  if (LIMIT_CODES.has(reply.code)) throw new CaptchaLimitedError(reply.reason)
  if (reply.code === 'SMS_PROVIDER_FAILED') throw new CaptchaNotSentError(reply.reason)
  throw new CaptchaRefusedError(reply.reason)
}
