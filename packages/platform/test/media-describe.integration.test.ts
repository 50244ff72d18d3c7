import t from 'tap'
import { randomUUID } from 'node:crypto'
import { assertionHeaders } from '@driver/kit'
import { buildService } from '@driver/kit/service'
import { loadMediaConfig, mediaService } from '@driver/media'
import { SIM_PNG, startWechatSimulator } from '@driver/simulators/wechat'
import { skipWithoutRabbitmq } from '@driver/testing'
import { rabbitRun } from './helpers/rabbitmq-run.js'

await skipWithoutRabbitmq(t)

const SECRET = 'gateway-assertion-secret-for-the-describe-test'
const DRIVER = '64b7f0c2a1b2c3d4e5f60718'

t.test('resumes asks media about an image over RabbitMQ: whose it is, of which table and field, and ' +
  'its url', async (t) => {
  const run = rabbitRun(t)
  const simulator = await startWechatSimulator({ appId: 'wx-describe-test', secret: 'describe-test-secret', port: 0 })
  t.teardown(() => simulator.close())
  const media = await buildService(mediaService, {
    config: loadMediaConfig({
      LOG_LEVEL: 'silent', DATA_DIR: t.testdir(), GATEWAY_ASSERTION_SECRET: SECRET,
      WECHAT_API_URL: simulator.url, WECHAT_APPID: 'wx-describe-test', WECHAT_SECRET: 'describe-test-secret'
    }),
    bus: await run.bus('media')
  })
  t.teardown(() => media.close())
  const resumes = await run.bus('resumes')

  const url = '/wx/auto_download/vehicle_image?server_id=sim-png-truck&table_name=vehicle_image' +
    '&field_name=image_id&db=mongo_db2'
  const downloaded = await media.inject(
    {
      method: 'GET',
      url,
      headers: assertionHeaders(
        SECRET,
        { method: 'GET', url, requestId: randomUUID(), clientIp: '10.1.2.3', wxUserId: DRIVER }
      )
    }
  )
  const id = (JSON.parse(downloaded.body) as { image_id: string }).image_id
  t.match(id, /^[0-9a-f]{24}$/)

  t.same(await resumes.request('media.describe', { id }), {
    found: true, id, owner: DRIVER, table: 'vehicle_image', field: 'image_id', contentType: 'image/png',
    length: SIM_PNG.length, url: `/wx/images/${id}`
  })
  t.same(await resumes.request('media.describe', { id: '0123456789abcdef01234567' }), { found: false })
  t.same(await resumes.request('media.describe', { id: 'whatever a page sent' }), { found: false })
})
