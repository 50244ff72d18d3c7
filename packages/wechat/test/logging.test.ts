import t from 'tap'
import type { CredentialDocument } from '../src/cache/credential-records.js'
import { CREDENTIALS_COLLECTION } from '../src/index.js'
import { startRawServer, unreachableUrl } from './fixtures/raw-server.js'
import { APP_ID, APP_SECRET, build, consume, rejection } from './helper.js'

/** What WeChat answers in the query of a redirect: the code. */
function codeOf (location: string | null): string {
  return new URL(location ?? 'http://none').searchParams.get('code') ?? ''
}

t.test('no secret, token, ticket or code appears in any log line, even when things go wrong', async (t) => {
  const { simulator, store, client, logger, logs, clock } = await build(t)
  const wechat = client()
  const secrets = new Set<string>([APP_SECRET, 'a-wrong-secret-value'])

  // The cache at work: a fetch, a refusal and renewal, a ticket, a take-over of a dead holder's lease.
  secrets.add(await wechat.accessToken())
  simulator.invalidateToken()
  await consume((await wechat.downloadMedia('sim-1')).body)
  secrets.add(await wechat.accessToken())
  secrets.add(await wechat.jsapiTicket())
  await store.collection<CredentialDocument>(CREDENTIALS_COLLECTION).updateOne(
    { _id: `jsapi_ticket:${APP_ID}` },
    { $set: { refreshAt: new Date(0), leaseHolder: 'gone/1', leaseUntil: new Date(clock.now - 1) } })
  secrets.add(await client().jsapiTicket())

  // OAuth, with its refusals.
  const redirect = await fetch(wechat.authorizeUrl({ redirectUri: 'https://example.com/cb', state: 'abc' }), { redirect: 'manual' })
  const code = codeOf(redirect.headers.get('location'))
  secrets.add(code)
  const user = await wechat.exchangeCode(code)
  secrets.add(user.accessToken).add(user.refreshToken)
  await wechat.userInfo(user.accessToken, user.openid)
  const errors: unknown[] = [await rejection(wechat.exchangeCode(code))]

  // WeChat refusing the secret, and a WeChat that echoes what it was sent.
  errors.push(await rejection(client({ secret: 'a-wrong-secret-value' }).exchangeCode('some-other-code')))
  secrets.add('some-other-code')
  const echo = await startRawServer({
    status: 200, body: `{"errcode":40125,"errmsg":"invalid appsecret ${APP_SECRET}"}`
  })
  t.teardown(echo.close)
  errors.push(await rejection(client({ apiUrl: echo.url, store: undefined }).exchangeCode('echoed-code-value')))
  secrets.add('echoed-code-value')
  const unreachable = client({ apiUrl: await unreachableUrl(), store: undefined })
  errors.push(await rejection(unreachable.exchangeCode('unreached-code-value')))
  secrets.add('unreached-code-value')

  // A service logs whatever error it got, cause and all.
  for (const error of errors) logger.error({ err: error }, 'WeChat call failed')

  t.ok(logs.length >= 5, `${logs.length} lines logged`)
  t.ok(logs.some((line) => line.includes('WeChat access_token refreshed')), 'refreshes are logged')
  t.ok(logs.some((line) => line.includes('WeChat refused the access_token')), 'refusals are logged')
  for (const secret of secrets) {
    const leaks = logs.filter((line) => line.includes(secret))
    t.same(leaks, [], `${secret.slice(0, 8)}… is in no log line`)
  }
})
