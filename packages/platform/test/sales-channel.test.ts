import t from 'tap'
import { readQrCode } from '@driver/testing'
import { withGeneratedSecrets } from '../src/generated-secrets.js'
import { browser, build, freePort, type TestPlatform } from './helper.js'

const ADMIN_PHONE = '13900000009'

type Browser = ReturnType<typeof browser>

/** A WeChat login on the H5 site in `phone`'s browser, as `as` when given (the simulator's person). */
async function logIn (test: TestPlatform, phone: Browser, as?: string): Promise<void> {
  const login = await phone.request(`${test.base}/wx/auth/login?redirect=/wx/self_info/view`)
  const authorize = new URL(login.headers.get('location') ?? '')
  if (as !== undefined) authorize.searchParams.set('as', as)
  const landed = await phone.open(authorize.toString())
  if (landed.status !== 200) throw new Error(`login: ${landed.status}`)
}

/** A `/wx` call from the browser, as the pages post it; the answer parsed. */
async function wx (test: TestPlatform, phone: Browser, path: string, form: Record<string, string> = {}) {
  const answer = await phone.request(`${test.base}${path}`, { method: 'POST', body: new URLSearchParams(form) })
  return await answer.json() as { message: string, code?: string, data?: unknown, total?: number }
}

t.test('a sales person is approved, a driver scans their QR code on the simulator and is on their list',
  async (t) => {
    // WeChat's push token and key as the all-in-one mode generates them when nothing is configured (safe mode).
    const dataDir = t.testdir()
    const { WECHAT_PUSH_TOKEN = '', WECHAT_ENCODING_AES_KEY = '' } = await withGeneratedSecrets({ DATA_DIR: dataDir })
    const test = await build(t, {
      dataDir, port: await freePort(), env: { IDENTITY_ADMINS: ADMIN_PHONE, WECHAT_PUSH_TOKEN, WECHAT_ENCODING_AES_KEY }
    })
    const admin = await test.activated(ADMIN_PHONE, 'admin-password-1')

    const sales = browser()
    await logIn(test, sales, 'sales_wang')
    const applied = await wx(test, sales, '/wx/self_info/update', {
      checked: '1', contacts: '王五', contacts_num: '13811112222', contacts_email: 'wang@example.com'
    })
    t.equal(applied.message, 'success', 'the application is sent')
    const salesId = (applied.data as { _id: string })._id
    const approved = await test.send('PUT', `/users/wx_applications/${salesId}`, {
      token: admin.token, json: { checked: 2, role: 1, name: '王五', identity_code: '310101199001011234' }
    })
    t.match(approved, { status: 200, body: { result: 1, data: { checked: 2, role: 1 } } })

    const profile = (await wx(test, sales, '/wx/self_info/view')).data as { relate_image: string }
    const picture = await fetch(profile.relate_image)
    const codeUrl = readQrCode(Buffer.from(await picture.arrayBuffer())) ?? ''
    t.equal(new URL(codeUrl).origin, test.wechat.url, 'the code points at the simulator, where a scan is played')

    const driver = browser()
    const scanned = await driver.open(codeUrl)
    t.equal(scanned.status, 200, await scanned.clone().text())
    t.match(await scanned.text(), '关注成功')
    const listed = await wx(test, sales, '/wx/sales/drivers')
    t.match(listed, { message: 'success', total: 1 }, 'the push reached the platform and related the driver')
    const [first] = listed.data as Array<{ subscribe: number, relate_time: string, nick_name?: string }>
    t.equal(first?.subscribe, 1, 'a follower')

    // The driver opens the H5 site in the same browser: the same person, now with a WeChat profile.
    await logIn(test, driver)
    const rescanned = await driver.open(codeUrl)
    t.match(await rescanned.text(), '已关注')
    const after = await wx(test, sales, '/wx/sales/drivers')
    t.match(after, { total: 1 }, 'a second scan adds no one')
    t.same((after.data as typeof first[])[0]?.relate_time, first?.relate_time, 'and keeps the first touch')
    t.match((after.data as typeof first[])[0]?.nick_name, /^模拟司机/, 'the driver who scanned is the one who logged in')
  })
