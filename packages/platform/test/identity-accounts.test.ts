import t from 'tap'
import { loadPlatformConfig } from '../src/config.js'
import { startPlatform } from '../src/platform.js'

const PHONE = '13712345678'
const PASSWORD = 'driver-password-1'

t.test('a driver registers with an SMS code and logs in through the gateway, against the MeFP simulator', async (t) => {
  // What main.ts would keep in DATA_DIR/secrets.json.
  const platform = await startPlatform(
    loadPlatformConfig(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: t.testdir(),
        LOG_LEVEL: 'silent',
        TOKEN_SECRET: 'token-secret-of-the-identity-accounts-test'
      }
    )
  )
  t.teardown(() => platform.close())
  const address = platform.gateway.server.address()
  const base = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : ''
  const send = async (method: 'GET' | 'POST', path: string, body?: object) => {
    const response = await fetch(`${base}${path}`, {
      method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {})
    })
    return { status: response.status, body: await response.json() as Record<string, unknown> }
  }

  t.same(
    await send('GET', `/users/check?login_name=${PHONE}`),
    { status: 200, body: { result: 1, data: { reg_app: '', reg_time: '' } } },
    'MeFP does not know the phone yet'
  )
  t.same(await send('POST', '/users/captcha', { login_name: PHONE, usage: 1 }), { status: 200, body: { result: 1 } })
  const outbox = await (await fetch(`${base}/dev/sms/outbox?phone=${PHONE}`)).json() as {
    data: Array<{ code: string }>
  }
  const code = outbox.data[0]?.code ?? ''
  t.match(code, /^\d{6}$/, 'the code is in the dev outbox')

  const wrong = await send(
    'POST',
    '/users/register',
    { login_name: PHONE, password: PASSWORD, captcha: code === '000000' ? '000001' : '000000', user_name: '张三' }
  )
  t.same(wrong, { status: 400, body: { result: 0, msg: '验证码错误', code: 'IDENTITY_CAPTCHA_REFUSED' } })
  t.same(
    await send('POST', '/users/register', { login_name: PHONE, password: PASSWORD, captcha: code, user_name: '张三' }),
    { status: 200, body: { result: 1 } }
  )

  const refused = await send('POST', '/users/login', { login_name: PHONE, password: 'not-the-password' })
  t.equal(refused.status, 401)
  const login = await send('POST', '/users/login', { login_name: PHONE, password: PASSWORD })
  t.equal(login.status, 200, JSON.stringify(login.body))
  t.match(
    login.body,
    {
      result: 1,
      data: {
        login_name: PHONE, user_id: Number, user_name: '张三', role: 0, status: 1, checked: 0, login_time: '',
        login_count: 0, token: String
      }
    }
  )

  const check = await send('GET', `/users/check?login_name=${PHONE}`)
  t.match(
    check,
    { status: 200, body: { result: 1, data: { reg_app: String, reg_time: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/ } } },
    'MeFP knows it now'
  )
  t.not((check.body.data as { reg_app: string }).reg_app, '', 'with the app it was registered from')

  const token = String((login.body.data as { token: string }).token)
  const own = await fetch(
    `${base}/users/${String((login.body.data as { user_id: number }).user_id)}`,
    { headers: { authorization: `Bearer ${token}` } }
  )
  t.equal(own.status, 200, 'the token opens the user\'s own record')
})
