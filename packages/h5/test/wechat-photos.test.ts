import { readFileSync } from 'node:fs'
import t from 'tap'
import { buildSite } from './helper.js'

// A browser and the whole platform on a shared 2-core machine: more than the default minute per file.
t.setTimeout(240_000)

const FAKE_JSSDK = readFileSync(new URL('./fixtures/fake-jweixin.js', import.meta.url), 'utf8')
/** The seed's own chose_and_upload, as the seed gives it (a function expression assigned to a var). */
const SEED_CHOSE_AND_UPLOAD = readFileSync(new URL('./fixtures/seed-chose-and-upload.js', import.meta.url), 'utf8')
const WECHAT_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 ' +
  '(KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800322c) NetType/WIFI Language/zh_CN'

interface WxDouble {
  config: { appId: string, timestamp: number, nonceStr: string, signature: string, jsApiList: string[] } | null
  uploaded: string[]
  localImgData: number
}

t.test('inside WeChat the ID card goes through the JS-SDK and /wx/auto_download, the seed\'s code too', async (t) => {
  const site = await buildSite(t)
  const { context, page, errors } = await site.driver({ userAgent: WECHAT_IPHONE })
  await context.route('https://res.wx.qq.com/open/js/jweixin-1.6.0.js', (route) =>
    route.fulfill({ status: 200, contentType: 'application/javascript', body: FAKE_JSSDK }))
  const html = `${site.base}/wx/html`
  const double = () => page.evaluate<WxDouble>('window.wxDouble')

  await page.goto(`${html}/update_id.html`)
  await page.waitForURL(`${html}/update_id.html`)
  await page.waitForLoadState('networkidle')
  t.equal(await page.evaluate<boolean>(`'wx' in window`), false, 'the JS-SDK is loaded only when a photo is taken')

  // Our slot: chooseImage → uploadImage → /wx/auto_download/id_image, previewed with getLocalImgData (iOS).
  await page.click('.p_mag:has(#id_image_face)')
  await page.locator('#id_image_face[data-id]').waitFor({ state: 'attached' })
  const face = await page.getAttribute('#id_image_face', 'data-id')
  t.match(face, /^[0-9a-f]{24}$/)
  t.equal(await page.getAttribute('#id_image_face', 'data-url'), `/wx/images/${face}`)
  t.match(await page.getAttribute('#id_image_face', 'src'), /^data:image\//, 'the preview is the local image data')
  const config = (await double()).config
  t.equal(config?.appId, 'wx-simulated-app', 'wx.config from /wx/jssdk/config')
  t.match(config?.signature, /^[0-9a-f]{40}$/)
  t.same(config?.jsApiList, ['chooseImage', 'uploadImage', 'getLocalImgData'])
  t.equal((await double()).localImgData, 1)

  // The seed's chose_and_upload, unchanged: $.post + JSON.parse of the answer works as it is.
  await page.evaluate(`(function () {\n${SEED_CHOSE_AND_UPLOAD}\nchose_and_upload($("#id_image_back"))\n})()`)
  await page.locator('#id_image_back[data-id]').waitFor({ state: 'attached' })
  const back = await page.getAttribute('#id_image_back', 'data-id')
  t.equal(await page.getAttribute('#id_image_back', 'data-url'), `/wx/images/${back}`)
  t.same((await double()).uploaded, ['sim-h5-photo-1', 'sim-h5-photo-2'], 'both photos went to WeChat')

  const stored = await page.request.get(`${site.base}/wx/images/${back}`)
  t.equal(stored.headers()['content-type'], 'image/jpeg', 'our server fetched the photo from WeChat')

  await page.click('#submit')
  await page.waitForURL(`${html}/resume.html`)
  await page.waitForSelector('img[data-photo].saved')
  t.equal(await page.getAttribute('[data-photo="id_image_face_url"]', 'src'), `/wx/images/${face}`)
  t.equal(await page.getAttribute('[data-photo="id_image_back_url"]', 'src'), `/wx/images/${back}`)
  t.same(errors, [], 'no console error, failed load or exception')
})
