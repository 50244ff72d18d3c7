/**
 * What a log line must not show, found by name and by value: a query parameter whose name
 * says it is a secret, and a mainland mobile number wherever it stands. Names nobody listed
 * (`my_passwd`, `x_sign`, `contacts_num`) are caught by what they contain or carry.
 */

export const REDACTED = '[Redacted]'

/** A logged URL is cut here: a long URL says nothing more to ops, and costs every log line. */
export const MAX_LOGGED_URL = 512

/**
 * A query parameter whose name contains one of these carries a secret: `passwd`, `new_pwd`,
 * `x_sign`, `signature`, `app_key`, `sms_code`, `access_token`, `wx_session`, `jsapi_ticket`.
 * Also caught: harmless names such as `keyword` or `zipcode`; a log can do without them.
 */
const SECRET_NAME = /pass|pwd|secret|token|code|captcha|key|sign|ticket|session/
/** `state` is the OAuth login's single-use CSRF value; as a part of a longer name it says nothing. */
const SECRET_EXACT = new Set(['state'])
/** Query parameters that carry a phone number in any form; logged masked even when not 11 digits. */
const PHONE_NAMES = new Set(['phone', 'login_name', 'contact_number'])
/** Query parameters that carry an ID card number (the resume's and the driver record's); logged masked. */
const ID_NUMBER_NAMES = new Set(['id_num', 'idcard_number'])

/**
 * A mainland mobile number (1, then 3–9, then 9 digits), with or without +86 / 0086 / 86, and
 * not a part of a longer number (an ID number, a timestamp). The first 3 and last 4 digits stay.
 */
const PHONE = /(?<!\d)((?:\+|00)?86)?(1[3-9]\d)\d{4}(\d{4})(?!\d)/g
/**
 * Whether a query string may name anything to mask: SECRET_NAME's words, `state` and the
 * phone and ID number names, factored so that a query without any is passed over quickly.
 */
const NAME_HINT = new RegExp([
  'p(?:ass|wd|hone)', 's(?:ecret|ign|ession|tate)', 'token', 'c(?:ode|aptcha|ontact_number)', 'key', 'ticket',
  'login_name', 'id(?:_num|card)'
].join('|'), 'i')
/** `name=value` in free text (a URL or a form in a message): the value of a secret name goes. */
const SECRET_PAIR =
  /([\w.%[\]-]{0,40}(?:pass|pwd|secret|token|code|captcha|key|sign|ticket|session)[\w.%[\]-]{0,40}=)[^&\s"',;]+/gi

/** `13812345678` → `138****5678`, so support can still tell phones apart. */
export function maskPhone (phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****'
}

/** Keeps the region prefix and the check digit of an ID number. */
export function maskIdNumber (id: string): string {
  return id.length >= 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 6)}${id.slice(-2)}` : '****'
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57

/**
 * The cheap test before any regex work: no run of 11 digits, no phone. Any 11 adjacent characters
 * hold one at an index of 10 modulo 11, so only those are read, and a run is measured around a
 * digit found there: a URL or a message costs a tenth of its length in reads.
 */
function hasElevenDigits (text: string): boolean {
  for (let i = 10; i < text.length; i += 11) {
    if (!isDigit(text.charCodeAt(i))) continue
    let start = i
    while (start > 0 && i - start < 10 && isDigit(text.charCodeAt(start - 1))) start--
    let end = i
    while (end - start < 10 && end + 1 < text.length && isDigit(text.charCodeAt(end + 1))) end++
    if (end - start >= 10) return true
  }
  return false
}

/** Every mainland mobile number in `text`, masked. */
export function maskPhones (text: string): string {
  return hasElevenDigits(text) ? text.replace(PHONE, '$1$2****$3') : text
}

/** A message or an error's text for a log: phones masked, the values of secret `name=value` pairs redacted. */
export function maskText (text: string): string {
  const masked = maskPhones(text)
  return masked.includes('=') ? masked.replace(SECRET_PAIR, `$1${REDACTED}`) : masked
}

/** Replaces secret query parameters in a request URL, masks phones and ID numbers, and cuts it to MAX_LOGGED_URL. */
export function redactUrl (url: string): string {
  const queryAt = url.indexOf('?')
  const path = maskPath(queryAt === -1 ? url : url.slice(0, queryAt))
  const redacted = queryAt === -1 ? path : `${path}?${redactQuery(url.slice(queryAt + 1))}`
  return redacted.length > MAX_LOGGED_URL ? `${redacted.slice(0, MAX_LOGGED_URL)}…` : redacted
}

/** A phone in the path, spelled plainly or with `%`-escapes; a path without one is kept as it came. */
function maskPath (path: string): string {
  if (!path.includes('%')) return maskPhones(path)
  let decoded: string
  try {
    decoded = decodeURIComponent(path)
  } catch {
    return maskPhones(path)
  }
  const masked = maskPhones(decoded)
  return masked === decoded ? path : masked
}

function redactQuery (query: string): string {
  // Most queries hold nothing to mask: an escape (a name or a number spelled with `%`), a run of 11 digits
  // or a name to look at, or they are kept as they came without being parsed.
  if (!query.includes('%') && !hasElevenDigits(query) && !NAME_HINT.test(query)) return query
  const entries = [...new URLSearchParams(query)]
  const masked = entries.map(([key, value]): [string, string] => [key, maskedValue(key, value)])
  return masked.some(([, value], i) => value !== entries[i]?.[1]) ? new URLSearchParams(masked).toString() : query
}

function maskedValue (key: string, value: string): string {
  // jQuery spells a list `name[]` and a nested value `name[0][]`: judged by the name before them.
  const name = key.toLowerCase().replace(/\[.*$/, '')
  if (SECRET_EXACT.has(name) || SECRET_NAME.test(name)) return REDACTED
  if (PHONE_NAMES.has(name)) return maskPhone(value)
  if (ID_NUMBER_NAMES.has(name)) return maskIdNumber(value)
  return maskPhones(value)
}
