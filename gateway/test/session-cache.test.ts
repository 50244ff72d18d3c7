import t from 'tap'
import { SessionCache } from '../src/plugins/session-cache.js'

const USER = '5f1d7c2e9a3b4c5d6e7f8091'
const NOW = 1_800_000_000

t.test('a session is known by the exact credentials it was verified with, until it expires', async (t) => {
  const sessions = new SessionCache()
  const cookie = { cookie: 'wx_session=token-a; theme=dark' }
  t.equal(sessions.subjectOf(cookie, NOW), undefined, 'nothing before a verification')
  sessions.remember(cookie, USER, NOW + 60)
  t.equal(sessions.subjectOf({ cookie: 'wx_session=token-a; theme=dark' }, NOW + 59), USER)
  const otherCookie = { cookie: 'wx_session=token-a; theme=light' }
  t.equal(sessions.subjectOf(otherCookie, NOW), undefined, 'other bytes are other credentials')
  const withBearer = { cookie: 'wx_session=token-a; theme=dark', authorization: 'Bearer token-b' }
  t.equal(sessions.subjectOf(withBearer, NOW), undefined, 'a bearer token beside the cookie too')
  t.equal(sessions.subjectOf(cookie, NOW + 60), undefined, 'not at its exp')
  t.equal(sessions.subjectOf(cookie, NOW), undefined, 'and forgotten once expired')
})

t.test('requests without credentials, or with very long ones, are never kept', async (t) => {
  const sessions = new SessionCache()
  sessions.remember({}, USER, NOW + 60)
  t.equal(sessions.subjectOf({}, NOW), undefined)
  const long = { authorization: `Bearer ${'x'.repeat(5000)}` }
  sessions.remember(long, USER, NOW + 60)
  t.equal(sessions.subjectOf(long, NOW), undefined)
})

t.test('the oldest session makes room when the map is full', async (t) => {
  const sessions = new SessionCache(2)
  for (const token of ['a', 'b', 'c']) sessions.remember({ authorization: `Bearer ${token}` }, USER, NOW + 60)
  t.equal(sessions.subjectOf({ authorization: 'Bearer a' }, NOW), undefined)
  t.equal(sessions.subjectOf({ authorization: 'Bearer b' }, NOW), USER)
  t.equal(sessions.subjectOf({ authorization: 'Bearer c' }, NOW), USER)
})
