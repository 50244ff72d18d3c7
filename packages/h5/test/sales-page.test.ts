import t from 'tap'
import { buildSite, shows } from './helper.js'

t.setTimeout(240_000)

const ADMIN = '13900000009'
const PASSWORD = 'admin-password-1'

/** An administrator of the user center, registered with an SMS code as anyone would; their token. */
async function adminToken (site: Awaited<ReturnType<typeof buildSite>>): Promise<string> {
  const post = async (path: string, body: object, token?: string, method = 'POST') => await (await fetch(
    `${site.base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body)
    })).json() as { result: number, data: { token: string } }
  const sent = await post('/users/captcha', { login_name: ADMIN, usage: 1 })
  const captcha = await site.smsCode(ADMIN)
  const registered = await post('/users/register', { login_name: ADMIN, password: PASSWORD, captcha })
  const login = await post('/users/login', { login_name: ADMIN, password: PASSWORD })
  if (login.result !== 1) throw new Error(JSON.stringify([sent, registered, login]))
  return login.data.token
}

t.test('a sales person applies, sees the wait, and once approved shows their QR code and drivers', async (t) => {
  const site = await buildSite(t, {
    IDENTITY_ADMINS: ADMIN,
    // The keys of `/users` tokens (the all-in-one mode generates them only through its secrets file).
    MEFP_SECRET: 'sales-page-test-mefp-key-32bytes',
    APP_SECRET: 'sales-page-iv-16',
    TOKEN_SECRET: 'token-secret-of-the-sales-page-test'
  })
  const { page, errors } = await site.driver()
  const html = `${site.base}/wx/html`

  await page.goto(`${html}/sales.html`)
  await page.waitForURL(`${html}/sales.html`)
  await shows(page, '[data-field="checked_text"]', '未申请')
  t.ok(await page.isVisible('a[href="self_info.html"]'), 'a link to apply')
  t.notOk(await page.isVisible('#approved'))

  await page.click('a[href="self_info.html"]')
  await page.fill('[name="contacts"]', '王五')
  await page.fill('[name="contacts_num"]', '13811112222')
  await page.click('#apply')
  await shows(page, '#message', '申请已提交，请等待审核')
  await page.goto(`${html}/sales.html`)
  await shows(page, '[data-field="checked_text"]', '审核中')

  const token = await adminToken(site)
  const list = await (await fetch(`${site.base}/users/wx_applications`, {
    headers: { authorization: `Bearer ${token}` }
  })).json() as { data: Array<{ id: string }> }
  const id = list.data[0]?.id ?? ''
  const approval = await fetch(`${site.base}/users/wx_applications/${id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ checked: 2, role: 1, name: '销售王五', identity_code: '310101199001011234' })
  })
  t.equal(approval.status, 200)

  const picture = page.waitForResponse((response) => response.url().includes('/cgi-bin/showqrcode?ticket='))
  await page.reload()
  t.equal((await picture).status(), 200, 'the QR code picture loads (the page\'s policy allows where it is shown)')
  await shows(page, '[data-field="name"]', '销售王五')
  await shows(page, '[data-field="total"]', '共 0 人')
  t.ok(await page.isVisible('#relate_image'))
  t.notOk(await page.isVisible('#application'))
  await site.screenshot(page, 'sales')
  t.same(errors, [], 'no console errors, failed requests or uncaught exceptions')
})
