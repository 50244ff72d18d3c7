import t from 'tap'
import type { Page } from 'playwright-core'
import { buildSite, messageIs as messageOf, shows, upload } from './helper.js'

// A browser and the whole platform on a shared 2-core machine: more than the default minute per file.
t.setTimeout(240_000)

interface Kind {
  page: string
  /** Fills the add form; the photo slot when the kind has one. */
  add: (page: Page) => Promise<void>
  /** What the list shows for the item, before and after the edit. */
  added: RegExp
  edit: (page: Page) => Promise<void>
  edited: RegExp
  photo?: boolean
}

const KINDS: Kind[] = [{
  page: 'work.html',
  async add (page) {
    await page.fill('[name="begin"]', '2015-03-01')
    await page.fill('[name="end"]', '2020-06-30')
    await page.fill('[name="enterprise_name"]', '顺丰速运')
    await page.fill('[name="post_name"]', '驾驶员')
    await page.selectOption('[name="enterprise_scale"]', '-1')
    await page.selectOption('[name="vehicle_load"]', '14')
    await page.selectOption('[name="vehicle_length"]', '9.6')
  },
  added: /顺丰速运.*驾驶员 · 2015-03-01 至 2020-06-30/s,
  async edit (page) { await page.fill('[name="end"]', '') },
  edited: /顺丰速运.*2015-03-01 至 今/s
}, {
  page: 'education.html',
  async add (page) {
    await page.selectOption('[name="level"]', '培训机构')
    await page.fill('[name="school_name"]', '郑州驾校')
    await page.fill('[name="begin"]', '2009-1-5')
    await page.fill('[name="end"]', '2009-05-01')
  },
  added: /郑州驾校.*培训机构/s,
  async edit (page) { await page.fill('[name="major"]', '大型货车') },
  edited: /郑州驾校.*培训机构 · 大型货车/s
}, {
  page: 'honor.html',
  photo: true,
  async add (page) {
    await page.fill('[name="title"]', '安全驾驶标兵')
    await page.fill('[name="time"]', '2019-12-20')
    await upload(page, 'image_id', '证书')
  },
  added: /安全驾驶标兵.*2019-12-20/s,
  async edit (page) { await page.fill('[name="title"]', '十佳司机') },
  edited: /十佳司机.*2019-12-20/s
}, {
  page: 'vehicle.html',
  photo: true,
  async add (page) {
    await page.fill('[name="plate_number"]', '沪a12345')
    await page.fill('[name="vehicle_model"]', '一汽解放J6')
    await upload(page, 'image_id', '车辆')
  },
  added: /沪A12345.*一汽解放J6/s,
  async edit (page) { await page.fill('[name="vehicle_type"]', '厢式货车') },
  edited: /沪A12345.*一汽解放J6 · 厢式货车/s
}]

t.test('a driver adds, edits and deletes an item of each kind, photos included, and applies for review', async (t) => {
  const site = await buildSite(t)
  const { page, errors } = await site.driver()
  const html = `${site.base}/wx/html`
  const loaded = () => shows(page, '#resume_id')
  const messageIs = (text: string) => messageOf(page, text)

  // Items belong to a resume: the page says so until there is one.
  await page.goto(`${html}/work.html`)
  await page.waitForURL(`${html}/work.html`)
  await page.waitForSelector('#message:not([hidden])').catch(() => undefined)
  await page.click('#submit')
  await messageIs('请先填写简历基本信息')
  await page.goto(`${html}/basic.html`)
  await page.fill('[name="real_name"]', '王五')
  await page.click('#submit')
  await page.waitForURL(`${html}/resume.html`)

  for (const kind of KINDS) {
    await t.test(kind.page, async (t) => {
      await page.goto(`${html}/${kind.page}`)
      await loaded()
      t.equal(await page.locator('#items [data-id]').count(), 0)
      await kind.add(page)
      await page.click('#submit')
      await messageIs('保存成功')
      await page.waitForSelector('#items [data-id]')
      t.match(await page.textContent('#items'), kind.added, 'the list shows the new item')
      const id = await page.getAttribute('#items [data-id]', 'data-id') ?? ''
      t.match(id, /^[0-9a-f]{24}$/)
      if (kind.photo) t.match(await page.getAttribute(`[data-id="${id}"] .item__image`, 'src'), /^\/wx\/images\//)

      await page.click(`[data-id="${id}"] .edit`)
      await page.waitForURL(`${html}/${kind.page}?id=${id}`)
      await shows(page, '#form_title', /^编辑/)
      if (kind.photo) t.ok(await page.getAttribute('#image_id', 'data-id'), 'the saved photo is in its slot')
      await kind.edit(page)
      await site.screenshot(page, kind.page.replace('.html', ''))
      await page.click('#submit')
      await messageIs('保存成功')
      await page.waitForURL(`${html}/${kind.page}`)
      await page.reload()
      await page.waitForSelector(`[data-id="${id}"]`)
      t.match(await page.textContent('#items'), kind.edited, 'after a reload the edit is there')
      t.equal(await page.locator('#items [data-id]').count(), 1, 'an edit adds nothing')

      await page.click(`[data-id="${id}"] .delete`)
      await messageIs('已删除')
      await page.reload()
      await loaded()
      await page.waitForSelector('#empty:not([hidden])')
      t.equal(await page.locator('#items [data-id]').count(), 0, 'after a reload it is gone')
    })
  }

  await t.test('self_info.html: the profile, the business licence and the application', async (t) => {
    await page.goto(`${html}/self_info.html`)
    await shows(page, '[data-field="checked_text"]')
    t.equal(await page.textContent('[data-field="checked_text"]'), '未申请')
    await page.fill('[name="email"]', 'wang@example.com')
    await page.fill('[name="city"]', '杭州')
    await page.fill('[name="contacts"]', '王五')
    await page.fill('[name="contacts_num"]', '13900139000')
    await page.fill('[name="contacts_email"]', 'settle@example.com')
    await upload(page, 'business_license_image', '营业执照')
    await page.click('#apply')
    await messageIs('申请已提交，请等待审核')
    t.equal(await page.textContent('[data-field="checked_text"]'), '审核中')
    await page.reload()
    await shows(page, '[data-field="checked_text"]')
    t.equal(await page.textContent('[data-field="checked_text"]'), '审核中', 'after a reload: under review')
    t.equal(await page.inputValue('[name="contacts_email"]'), 'settle@example.com')
    t.equal(await page.inputValue('[name="city"]'), '杭州')
    t.ok(await page.isDisabled('#apply'), 'no second application while one is reviewed')
    t.match(await page.getAttribute('#business_license_image', 'src'), /^\/wx\/images\/[0-9a-f]{24}$/)
    await site.screenshot(page, 'self_info')
  })

  t.same(errors, [], 'no console error, failed load or exception on any page')
})
