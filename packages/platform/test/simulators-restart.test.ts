import t from 'tap'
import { browser, build, freePort } from './helper.js'

const PHONE = '13712345678'
const PASSWORD = 'driver-password-1'

t.test('a restart on the same DATA_DIR keeps the user-center accounts: the MeFP simulator remembers ' +
  'them', async (t) => {
  const dataDir = t.testdir()
  const first = await build(t, { dataDir })
  const { sent, code } = await first.codeFor(PHONE, 1)
  t.same(sent, { status: 200, body: { result: 1 } })
  const registered = await first.send('POST', '/users/register', {
    json: { login_name: PHONE, password: PASSWORD, captcha: code, user_name: '张三' }
  })
  t.same(registered, { status: 200, body: { result: 1 } })
  t.equal((await first.send('POST', '/users/login', { json: { login_name: PHONE, password: PASSWORD } })).status, 200)
  const activatedBefore = await first.activated('13712345679', 'activated-password-1')
  await first.close()

  const again = await build(t, { dataDir })
  const login = await again.send('POST', '/users/login', { json: { login_name: PHONE, password: PASSWORD } })
  t.equal(login.status, 200, 'the registered account logs in after the restart')
  t.match(login.body, { result: 1, data: { login_name: PHONE, user_name: '张三', login_count: 1 } })
  const wrong = await again.send('POST', '/users/login', { json: { login_name: PHONE, password: 'not-the-password' } })
  t.equal(wrong.status, 401, 'and only with its password')
  const activated = await again.send('POST', '/users/login', {
    json: { login_name: '13712345679', password: 'activated-password-1' }
  })
  t.match(activated, { status: 200, body: { data: { user_id: activatedBefore.id } } }, 'an activated one too')
  t.match(await again.send('GET', `/users/check?login_name=${PHONE}`), {
    status: 200, body: { data: { reg_app: 'driver', reg_time: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/ } }
  }, 'MeFP still knows it')
  t.match(await again.send(
    'POST',
    '/users/register',
    { json: { login_name: PHONE, password: PASSWORD, captcha: code } }
  ),
    { status: 409, body: { code: 'IDENTITY_USER_EXISTS' } })
})

t.test('a restart on the same DATA_DIR keeps who each browser is: the driver gets back to their resume', async (t) => {
  const dataDir = t.testdir()
  const port = await freePort()
  const phone = browser()
  const first = await build(t, { dataDir, port })
  const view = async (base: string) => JSON.parse(await (await phone.open(`${base}/wx/self_info/view`)).text()) as {
    data: { nick_name: string }
  }
  await phone.open(`${first.base}/wx/auth/login?redirect=${encodeURIComponent('/wx/self_info/view')}`)
  const before = await view(first.base)
  await phone.request(`${first.base}/wx/resume/opt`, {
    method: 'POST', body: new URLSearchParams({ real_name: '张三' }), headers: { accept: '*/*' }
  })
  await first.close()

  // Another port, a new session: only the browser's cookie for the simulator is what it was.
  phone.jar.delete('wx_session')
  const again = await build(t, { dataDir, port: await freePort() })
  await phone.open(`${again.base}/wx/auth/login?redirect=${encodeURIComponent('/wx/resume/view')}`)
  t.equal((await view(again.base)).data.nick_name, before.data.nick_name, 'the same WeChat person')
  const resume = JSON.parse(await (await phone.open(`${again.base}/wx/resume/view`)).text()) as {
    message: string,
    data: unknown
  }
  t.match(resume, { message: 'success', data: { real_name: '张三' } }, 'and their resume')
})
