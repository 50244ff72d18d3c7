import t from 'tap'
import { createSessionSigner } from '@driver/kit/session'
import { waitFor } from '@driver/testing'
import { build } from './helper.js'

const USER_ID = '64b7f0c2a1b2c3d4e5f60718'
const PHONE = '13912345678'

t.test('a driver verifies a phone through the gateway, and the resumes service stores it', async (t) => {
  const { platform, base, keys } = await build(t)
  const cookie = `wx_session=${(await createSessionSigner(keys.privateKey))({ sub: USER_ID })}`
  // The WeChat user the session names, as a login would have left it: a phone binds only to a known user.
  const users = platform.services.resumes.store.collection<{ _id: string, phone?: string }>('wx_user')
  await users.insertOne({ _id: USER_ID })
  // What jQuery's $.post sends: a form body, Accept */*.
  const post = async (path: string, form: Record<string, string>, headers: Record<string, string> = { cookie }) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST', body: new URLSearchParams(form), headers: { accept: '*/*', ...headers }
    })
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: JSON.parse(await response.text())
    }
  }

  t.equal((await post('/wx/sms/get', { phone: PHONE }, {})).status, 401, 'no session, no code')

  const sent = await post('/wx/sms/get', { phone: PHONE })
  t.same(sent.body, { message: 'success' })
  t.equal(sent.type, 'text/plain; charset=utf-8')

  const outbox = await (await fetch(`${base}/dev/sms/outbox?phone=${PHONE}`)).json() as {
    data: Array<{ code: string }>
  }
  const code = outbox.data[0]?.code ?? ''
  t.match(code, /^\d{6}$/)

  t.same(
    (await post('/wx/sms/check', { phone: PHONE, code: code === '000000' ? '000001' : '000000' })).body,
    { message: '验证码错误', code: 'SMS_CODE_WRONG' }
  )
  t.same((await post('/wx/sms/check', { phone: PHONE, code })).body, { message: 'success' })

  await waitFor(
    'the phone bound to the WeChat user',
    async () => (await users.findOne({ _id: USER_ID }))?.phone === PHONE,
    5_000
  )
  t.equal((await users.findOne({ _id: USER_ID }))?.phone, PHONE, 'the phone is bound to the WeChat user')
})
