import t from 'tap'
import { SIM_JPEG } from '@driver/simulators/wechat'
import { readQrCode } from '@driver/testing'
import { build } from '../helper.js'

const SCENE = '0123456789abcdef01234567'

t.test('wechat.create_qr_code: a permanent code with the service’s token, its picture at WECHAT_MP_URL', async (t) => {
  const service = await build(t, { env: { WECHAT_MP_URL: 'https://mp.example.com/' } })
  const reply = await service.peer.request('wechat.create_qr_code', { scene: SCENE })
  if (!reply.created) throw new Error(`not created: ${reply.reason}`)
  t.match(reply, { ticket: /^gQ/, url: new RegExp(`scene=${SCENE}$`) })
  t.equal(reply.imageUrl, `https://mp.example.com/cgi-bin/showqrcode?ticket=${encodeURIComponent(reply.ticket)}`)
  t.equal(service.simulator.qrCodes.find(reply.ticket)?.scene, SCENE)

  // The cached token is refused: renewed once, and the same permanent code comes back.
  service.simulator.invalidateToken()
  const again = await service.peer.request('wechat.create_qr_code', { scene: SCENE })
  t.match(again, { created: true, ticket: reply.ticket })
  t.equal(service.simulator.calls.token, 2)
})

t.test('a temporary code: its picture, where WeChat shows it, decodes to what the code holds', async (t) => {
  const service = await build(t)
  const reply = await service.peer.request('wechat.create_qr_code', { scene: SCENE, expireSeconds: 600 })
  if (!reply.created) throw new Error(`not created: ${reply.reason}`)
  t.equal(reply.expireSeconds, 600)
  t.ok(reply.imageUrl.startsWith('https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket='), 'WeChat\'s by default')
  const atSimulator = reply.imageUrl.replace('https://mp.weixin.qq.com', service.simulator.url)
  const picture = await fetch(atSimulator)
  t.equal(picture.headers.get('content-type'), 'image/png')
  t.equal(readQrCode(Buffer.from(await picture.arrayBuffer())), reply.url, 'the ticket survived the URL encoding')
})

t.test('WeChat refusing the account is a reply with the reason, not a bus failure', async (t) => {
  const service = await build(t, { env: { WECHAT_SECRET: 'not-the-secret' } })
  t.same(await service.peer.request('wechat.create_qr_code', { scene: SCENE }), {
    created: false, reason: '微信服务返回错误（40125），请稍后再试', code: 'MEDIA_WECHAT_REFUSED'
  })
  t.same(await service.peer.request('wechat.user_info', { openid: 'sim_someone' }), {
    known: false, reason: '微信服务返回错误（40125），请稍后再试', code: 'MEDIA_WECHAT_REFUSED'
  })
})

t.test('media.read_image: a licence photo’s bytes, only for its own table', async (t) => {
  const service = await build(t)
  const downloaded = await service.download('business_license_image', { server_id: 'sim-licence' })
  const id = String(downloaded.body.business_license_image)
  const reply = await service.peer.request('media.read_image', { id, table: 'business_license_image' })
  t.match(reply, { found: true, contentType: 'image/jpeg', sha256: /^[0-9a-f]{64}$/ })
  t.same(reply.found && Buffer.from(reply.base64, 'base64'), SIM_JPEG)
  t.same(await service.peer.request('media.read_image', { id, table: 'id_image' }), { found: false })
  t.same(await service.peer.request('media.read_image', { id: 'nope', table: 'business_license_image' }), {
    found: false
  })
})
