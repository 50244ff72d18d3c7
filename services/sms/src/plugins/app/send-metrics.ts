import { Counter, type Registry } from '@driver/kit'

export interface SendMetrics {
  /** A code the provider took. */
  sent: () => void
  /** A send refused: by a limit, a bad phone number, or the provider; other failures (the store down) are not. */
  refused: (error: unknown) => void
}

/** The refusals of errors.ts, `SMS_IP_LIMIT` counted as `ip_limit`. */
const REFUSAL = /^SMS_([A-Z_]+)$/

/** `sms_sent_total` and `sms_refused_total{reason}` on the service's registry. */
export function sendMetrics (registry: Registry): SendMetrics {
  const sent = new Counter({
    name: 'sms_sent_total', help: 'Verification codes the SMS provider took', registers: [registry]
  })
  const refused = new Counter({
    name: 'sms_refused_total',
    help: 'Code sends refused, by reason: ip_limit, resend_too_soon, daily_limit, budget_exhausted, ' +
      'invalid_phone, provider_failed',
    labelNames: ['reason'],
    registers: [registry]
  })
  return {
    sent: () => { sent.inc() },
    refused (error) {
      const code = (error as { code?: unknown } | undefined)?.code
      const reason = typeof code === 'string' ? REFUSAL.exec(code)?.[1] : undefined
      if (reason !== undefined) refused.inc({ reason: reason.toLowerCase() })
    }
  }
}
