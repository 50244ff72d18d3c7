import assert from 'node:assert/strict'
import t from 'tap'
import fc from 'fast-check'
import { build } from './helper.js'
import { rawClient, startRecordingOrigins } from './raw-paths.js'

/**
 * How the most lenient server behind the gateway could read a path: backslashes
 * and encoded slashes as slashes, `;` parameters dropped, percent-encoding
 * decoded, empty and dot segments resolved.
 */
function leniently (target: string): string {
  const path = target.split(/[?#]/, 1)[0] ?? ''
  const segments: string[] = []
  for (const raw of path.replace(/%2f|%5c|\\/gi, '/').split('/')) {
    let segment = raw.split(';', 1)[0] ?? ''
    try {
      segment = decodeURIComponent(segment)
    } catch { /* left as it is */ }
    if (segment === '' || segment === '.') continue
    if (segment === '..') segments.pop()
    else segments.push(segment)
  }
  return `/${segments.join('/')}`
}

/** RFC 3986 §6.2.2.2: percent-encoded unreserved characters stand for themselves (`%74oken` is `token`). */
const unreservedDecoded = (target: string): string => target.replace(/%([0-9a-f]{2})/gi, (encoded, hex: string) => {
  const char = String.fromCharCode(parseInt(hex, 16))
  return /[\w.~-]/.test(char) ? char : encoded
})

const readsAsToken = (target: string): boolean =>
  leniently(target) === '/users/token' || leniently(target).startsWith('/users/token/')

const start = fc.constantFrom('/users', '/users', '/users/token', '/wx/auth', '')
const separator = fc.constantFrom('/', '/', '/', '\\', '//')
const segment = fc.constantFrom(
  'users', 'token', 'token', 'x', '.', '..', '%2e', '%2E', '.%2e', '%2e%2E', '%2f', '%2F', '%5c', ';', 'token;x=1', '',
  '%74oken', 'a.b', '%2etoken'
)
const ending = fc.constantFrom('', '', '/', '/.', '/%2e')
const query = fc.constantFrom('', '', '?x=1', '?a=/../token', '?', '?next=%2e%2e/token')
const paths = fc.tuple(start, fc.array(fc.tuple(separator, segment), { minLength: 1, maxLength: 6 }), ending, query)
  .map(([first, rest, end, search]) => `${first}${rest.map(([sep, name]) => `${sep}${name}`).join('')}${end}${search}`)
  .filter((path) => path.startsWith('/'))

const MEFP = '203.0.113.7'
const STRANGER = '192.0.2.1'

t.test('for any path, the allow-list decision and the path a service receives agree', async (t) => {
  const { upstreams, received } = await startRecordingOrigins(t)
  const { gateway } = await build(t, {
    mefpAllowedIps: [MEFP], trustProxy: ['127.0.0.1'], upstreams, rateLimit: { max: 100_000, windowMs: 60_000 }
  })
  const send = await rawClient(t, gateway)

  await fc.assert(fc.asyncProperty(paths, fc.constantFrom(MEFP, STRANGER), async (path, client) => {
    received.length = 0
    const answer = await send('POST', path, { 'x-forwarded-for': client })
    const seen = received[0]
    assert.ok(received.length <= 1, 'one request in, at most one out')
    if (seen) {
      assert.equal(answer.status, 200)
      assert.equal(unreservedDecoded(seen.url), unreservedDecoded(path), 'what is routed is what is forwarded')
      if (client === STRANGER) {
        assert.ok(!readsAsToken(seen.url), `a stranger reached the token endpoint as ${seen.url}`)
      }
      if (readsAsToken(seen.url)) assert.equal(seen.service, 'identity')
    } else {
      // /wx refusals other than 401, 403 and 404 answer 200 in their envelope (DESIGN §3).
      assert.ok([200, 400, 401, 403, 404].includes(answer.status), `refused with ${answer.status}`)
      assert.equal(typeof JSON.parse(answer.body).code, 'string', 'a refusal in an envelope')
    }
    if (answer.status === 403) {
      assert.ok(client === STRANGER && readsAsToken(path), 'only strangers asking for the token endpoint are forbidden')
    }
    if (client === STRANGER && readsAsToken(path)) {
      assert.ok(!seen, `${path} reached a service`)
      // Under /wx a refused path answers 200 with the refusal's code, like every /wx validation failure.
      const refused = [400, 403].includes(answer.status) ||
        (answer.status === 200 && JSON.parse(answer.body).code === 'GATEWAY_PATH_NOT_NORMAL')
      assert.ok(refused, `${path} → ${answer.status}`)
    }
  }), { numRuns: 400 })
  t.pass('400 random paths from MeFP and from a stranger')
})
