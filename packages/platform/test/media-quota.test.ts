import t from 'tap'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { createSessionSigner } from '@driver/kit/session'
import { build } from './helper.js'

const DRIVER = '64b7f0c2a1b2c3d4e5f60718'

t.test('a driver\'s photos past the day\'s count are refused through the gateway, and nothing of them ' +
  'is stored', async (t) => {
  const { base, keys, dataDir, wechat } = await build(t, { env: { MEDIA_USER_IMAGES_PER_DAY: '2' } })
  const sign = await createSessionSigner(keys.privateKey)
  const cookie = `wx_session=${sign({ sub: DRIVER })}`
  const download = async (serverId: string) => {
    const response = await fetch(`${base}/wx/auto_download/vehicle_image`, {
      method: 'POST', body: new URLSearchParams({ server_id: serverId }), headers: { cookie }
    })
    return { status: response.status, body: JSON.parse(await response.text()) as Record<string, string> }
  }
  const blobs = async () => (await readdir(join(dataDir, 'media', 'blobs', 'images')).catch(() => [])).length

  t.equal((await download('sim-1')).body.message, 'success')
  t.equal((await download('sim-2')).body.message, 'success')
  const mediaCalls = wechat.calls.media
  t.same(await download('sim-3'), {
    status: 200, body: { message: '今天上传的图片已达 2 张，请明天再试', code: 'MEDIA_DAILY_IMAGE_LIMIT' }
  })
  t.equal(wechat.calls.media, mediaCalls, 'WeChat was not asked for the refused photo')
  t.equal(await blobs(), 4, 'two photos: their bytes and their metadata files, nothing of the third')
})
