import t from 'tap'
import { createSessionSigner } from '@driver/kit/session'
import { build } from './helper.js'

const USER_ID = '64b7f0c2a1b2c3d4e5f6071b'
const PHONE = '13912345671'

t.test('a link on another site changes nothing and sends nothing, though the browser sends the session ' +
  'cookie', async (t) => {
  const { platform, base, keys } = await build(t)
  const cookie = `wx_session=${(await createSessionSigner(keys.privateKey))({ sub: USER_ID })}`
  await platform.services.resumes.store.collection<{ _id: string, nick_name: string }>('wx_user')
    .insertOne({ _id: USER_ID, nick_name: 'driver' })
  // What a browser sends for a top-level navigation: SameSite=Lax lets the cookie go along, Fetch Metadata says whence.
  const navigate = async (path: string, site: 'same-origin' | 'cross-site') => {
    const from = site === 'cross-site' ? 'https://evil.example.net/win-a-truck.html' : `${base}/resume.html`
    const response = await fetch(`${base}${path}`, {
      headers: { cookie, accept: '*/*', 'sec-fetch-site': site, 'sec-fetch-mode': 'navigate', referer: from }
    })
    return { status: response.status, body: JSON.parse(await response.text()) as Record<string, unknown> }
  }

  t.match(await navigate(`/wx/resume/opt?real_name=${encodeURIComponent('张三')}`, 'same-origin'),
    { status: 200, body: { message: 'success' } }, 'the site\'s own page writes')

  const refused = { status: 403, body: { message: '请从本站页面提交', code: 'GATEWAY_CROSS_SITE' } }
  t.same(await navigate('/wx/resume/opt?real_name=X', 'cross-site'), refused, 'another site\'s link is refused')
  t.same(await navigate(`/wx/sms/get?phone=${PHONE}`, 'cross-site'), refused, 'and cannot send an SMS')

  const view = await navigate('/wx/resume/view', 'cross-site')
  t.match(view, { status: 200, body: { data: { real_name: '张三' } } }, 'the resume is unchanged, and reads still answer')
  const outbox = await (await fetch(`${base}/dev/sms/outbox?phone=${PHONE}`)).json() as { data: unknown[] }
  t.same(outbox.data, [], 'no code was sent')
})
