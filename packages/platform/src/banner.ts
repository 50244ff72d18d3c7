/** A phone to try the SMS check with; its codes show in the development outbox. */
const EXAMPLE_PHONE = '13800138000'

export interface BannerFacts {
  /** The gateway's address as a browser on this machine reaches it (the logins come back to it). */
  url: string
  dataDir: string
  docs: boolean
  /** The WeChat simulator logs people in (no WECHAT_API_URL outside production). */
  wechatSimulator: boolean
  /** SMS codes are kept in the development outbox (SMS_PROVIDER=log) instead of being sent. */
  smsOutbox: boolean
}

/**
 * What a person who just started the platform on a laptop needs next: the H5 site, the API
 * document, how to log in, where the SMS codes are.
 */
export function startBanner ({ url, dataDir, docs, wechatSimulator, smsOutbox }: BannerFacts): string {
  const lines = [
    `The platform is running at ${url} (data in ${dataDir}; Ctrl-C stops it)`,
    `  the drivers' H5 site  ${url}/wx/html/`,
    ...(docs ? [`  the API document      ${url}/docs`] : []),
    wechatSimulator
      ? `  log in as a driver    ${url}/wx/auth/login?redirect=/wx/html/ (the WeChat simulator: no phone needed)`
      : '  log in as a driver    through WeChat (WECHAT_API_URL is set: no simulator)',
    ...(smsOutbox ? [`  SMS codes "sent"      ${url}/dev/sms/outbox?phone=${EXAMPLE_PHONE} (any phone)`] : [])
  ]
  const rule = '─'.repeat(Math.min(100, Math.max(...lines.map((line) => line.length))))
  return [rule, ...lines, rule, ''].join('\n')
}
