import t from 'tap'
import { build, openTestStore, OTHER_USER_ID, type MediaTest } from '../../helper.js'
import { JPEG, TEXT } from '../../fixtures/images.js'

const KIB = 1024

const photo = (size = JPEG.length) => [{
  name: 'file', filename: 'photo.jpg', data: Buffer.concat([JPEG, Buffer.alloc(size - JPEG.length)])
}]
const uploadPhoto = async (service: MediaTest, size?: number, user?: string) =>
  (await service.upload('vehicle_image', photo(size), { user })).body
const downloadPhoto = async (service: MediaTest, serverId: string) =>
  (await service.download('vehicle_image', { server_id: serverId })).body

const DAILY_IMAGES = { message: '今天上传的图片已达 3 张，请明天再试', code: 'MEDIA_DAILY_IMAGE_LIMIT' }

t.test('past the day\'s photos both routes refuse, store nothing and ask WeChat nothing', async (t) => {
  const service = await build(t, { env: { MEDIA_USER_IMAGES_PER_DAY: '3' } })
  t.equal((await uploadPhoto(service)).message, 'success')
  t.equal((await downloadPhoto(service, 'sim-1')).message, 'success')
  t.equal((await uploadPhoto(service)).message, 'success')
  const mediaCalls = service.simulator.calls.media

  t.same(await service.upload('vehicle_image', photo()), { status: 200, body: DAILY_IMAGES })
  t.same(await service.download('vehicle_image', { server_id: 'sim-2' }), { status: 200, body: DAILY_IMAGES })
  t.equal(service.simulator.calls.media, mediaCalls, 'the refused download never reached WeChat')
  t.same(await service.stored(), { records: 3, files: 6 }, 'no record and no blob of the refused photos')

  t.equal((await uploadPhoto(service, undefined, OTHER_USER_ID)).message, 'success', 'another user has their own')
})

t.test('the day\'s count starts again at midnight in TIME_ZONE; the count in all does not', async (t) => {
  let now = new Date('2026-12-07T15:59:00Z') // 23:59 in Shanghai
  const service = await build(t, {
    env: { MEDIA_USER_IMAGES_PER_DAY: '2', MEDIA_USER_IMAGES_TOTAL: '3' }, clock: () => now
  })
  t.equal((await uploadPhoto(service)).message, 'success')
  t.equal((await downloadPhoto(service, 'sim-a')).message, 'success')
  t.equal((await uploadPhoto(service)).code, 'MEDIA_DAILY_IMAGE_LIMIT')

  now = new Date('2026-12-07T16:00:00Z') // 00:00 the next day in Shanghai
  t.equal((await uploadPhoto(service)).message, 'success')
  t.same(await uploadPhoto(service), { message: '上传的图片已达 3 张的上限，不能再上传', code: 'MEDIA_IMAGE_LIMIT' })
  t.same(await downloadPhoto(service, 'sim-b'), { message: '上传的图片已达 3 张的上限，不能再上传', code: 'MEDIA_IMAGE_LIMIT' })
  t.same(await service.stored(), { records: 3, files: 6 })
})

t.test('a photo holds MEDIA_MAX_BYTES of the day\'s bytes while it is stored, then its own size', async (t) => {
  const service = await build(t, {
    env: { MEDIA_MAX_BYTES: String(64 * KIB), MEDIA_USER_BYTES_PER_DAY: String(160 * KIB) }
  })
  // 40, 80, 120 KiB stored: each fits with 64 KiB held for it; a fourth would need 184 KiB.
  for (let i = 0; i < 3; i++) t.equal((await uploadPhoto(service, 40 * KIB)).message, 'success')
  t.same(await uploadPhoto(service, 1 * KIB), {
    message: '今天上传的图片总大小已达上限（0.2 MB），请明天再试', code: 'MEDIA_DAILY_SIZE_LIMIT'
  })
  t.same(await service.stored(), { records: 3, files: 6 })
})

t.test('a refused or failed photo gives its place back', async (t) => {
  const service = await build(t, {
    env: { MEDIA_USER_IMAGES_PER_DAY: '2', MEDIA_USER_IMAGES_TOTAL: '3', MEDIA_MAX_BYTES: String(64 * KIB) }
  })
  const text = await service.upload('vehicle_image', [{ name: 'file', filename: 'a.jpg', data: TEXT }])
  t.equal(text.body.code, 'MEDIA_NOT_AN_IMAGE')
  t.equal((await uploadPhoto(service, 100 * KIB)).code, 'MEDIA_IMAGE_TOO_LARGE')
  t.equal((await downloadPhoto(service, 'sim-text-1')).code, 'MEDIA_NOT_AN_IMAGE')
  t.equal((await downloadPhoto(service, 'expired')).code, 'MEDIA_WECHAT_MEDIA_INVALID')
  const field = await service.upload('id_image', photo())
  t.equal(field.body.code, 'MEDIA_FIELD_REQUIRED')

  t.equal((await uploadPhoto(service)).message, 'success')
  t.equal((await downloadPhoto(service, 'sim-1')).message, 'success')
  t.equal((await uploadPhoto(service)).code, 'MEDIA_DAILY_IMAGE_LIMIT')
  t.same(await service.stored(), { records: 2, files: 4 })
})

t.test('a user\'s first count in all includes the photos stored before the quota', async (t) => {
  const store = await openTestStore(t)
  const unchecked = await build(t, {
    store,
    uploadQuota: { spend: async (_owner, save) => await save() }
  })
  for (let i = 0; i < 3; i++) t.equal((await uploadPhoto(unchecked)).message, 'success')

  const service = await build(t, { store, env: { MEDIA_USER_IMAGES_TOTAL: '4' } })
  t.equal((await uploadPhoto(service)).message, 'success')
  t.equal((await uploadPhoto(service)).code, 'MEDIA_IMAGE_LIMIT')
  t.same(await service.stored(), { records: 4, files: 8 })
})
