import t from 'tap'
import { createServer } from 'node:net'
import { Readable } from 'node:stream'
import { InProcessBroker } from '@driver/bus'
import { buildService } from '@driver/kit/service'
import { createWechatClient, WechatError, WechatTransportErrcode, type WechatClient } from '@driver/wechat'
import { SIM_JPEG } from '@driver/simulators/wechat'
import { mediaService } from '../../../src/app.js'
import {
  APP_ID, APP_SECRET, build, gatewayHeaders, openTestStore, startSimulator, testConfig, type Tap, type WechatSimulator
} from '../../helper.js'

/** A port nobody listens on. */
async function closedPortUrl (): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}

/** The real client on the simulator, with its downloads changed by `change`. */
type Media = Awaited<ReturnType<WechatClient['downloadMedia']>>

function changedClient (
  t: Tap,
  simulator: WechatSimulator,
  store: Parameters<typeof createWechatClient>[0]['store'],
  change: (media: Media) => Media
): WechatClient {
  const client = createWechatClient({
    apiUrl: simulator.url, openUrl: simulator.url, appId: APP_ID, secret: APP_SECRET, store
  })
  t.teardown(() => client.close())
  return { ...client, downloadMedia: async (id, options) => change(await client.downloadMedia(id, options)) }
}

t.test('each WeChat error is a coded refusal (200), and nothing is stored', async (t) => {
  const service = await build(t)
  const cases = [
    ['sim-error-40007', 'MEDIA_WECHAT_MEDIA_INVALID', '微信中的图片已过期或不存在，请重新选择图片'],
    ['unknown-media-id', 'MEDIA_WECHAT_MEDIA_INVALID', '微信中的图片已过期或不存在，请重新选择图片'],
    ['sim-error-45009', 'MEDIA_WECHAT_BUSY', '微信服务繁忙，请稍后再试'],
    ['sim-error--1', 'MEDIA_WECHAT_BUSY', '微信服务繁忙，请稍后再试'],
    ['sim-error-40164', 'MEDIA_WECHAT_REFUSED', '微信服务返回错误（40164），请稍后再试'],
    ['sim-error-48001', 'MEDIA_WECHAT_REFUSED', '微信服务返回错误（48001），请稍后再试']
  ] as const
  for (const [serverId, code, message] of cases) {
    t.same(await service.download('head_image', { server_id: serverId }), {
      status: 200, body: { message, code }
    }, serverId)
  }
  t.same(await service.stored(), { records: 0, files: 0 })
  const lines = service.logs.map((line) => JSON.parse(line) as { level: string, msg: string, errcode?: number })
  t.ok(lines.some((line) => line.level === 'error' && line.errcode === 40164 && /check WECHAT_APPID/.test(line.msg)),
    'an account problem is an error for ops')
  t.notOk(lines.some((line) => line.level === 'error' && line.errcode === 40007), 'a driver\'s expired photo is not')
})

t.test('a wrong secret is WeChat\'s refusal of the account, logged for ops, still a 200 for the driver', async (t) => {
  const service = await build(t, { env: { WECHAT_SECRET: 'not-the-secret' } })
  t.same(await service.download('head_image', { server_id: 'sim-1' }), {
    status: 200, body: { message: '微信服务返回错误（40125），请稍后再试', code: 'MEDIA_WECHAT_REFUSED' }
  })
})

t.test('WeChat out of reach is a 503 with a clear message, and nothing is stored', async (t) => {
  const service = await build(t, { env: { WECHAT_API_URL: await closedPortUrl() } })
  t.same(await service.download('head_image', { server_id: 'sim-1' }), {
    status: 503, body: { message: '暂时无法连接微信服务，请稍后再试', code: 'MEDIA_WECHAT_UNAVAILABLE' }
  })
  const unlisted = await service.inject({ method: 'GET', url: '/wx/jssdk/config?url=https%3A%2F%2Fh5.example.com%2F' })
  t.same(unlisted.statusCode, 200, 'an unlisted page is refused before WeChat is asked')
  t.same(await service.stored(), { records: 0, files: 0 })
})

t.test('a download that breaks off half-way is WeChat out of reach: 503, no record, no partial blob', async (t) => {
  const simulator = await startSimulator(t)
  const store = await openTestStore(t)
  const client = changedClient(t, simulator, store, (media) => {
    media.body.destroy()
    const broken = new Readable({ read () {} })
    broken.push(SIM_JPEG.subarray(0, 20))
    broken.push(Buffer.alloc(100_000))
    const stalled = new WechatError('/cgi-bin/media/get', WechatTransportErrcode.timeout, 'no answer within 10000 ms')
    setImmediate(() => broken.destroy(stalled))
    return { ...media, contentLength: undefined, body: broken }
  })
  const service = await build(t, { store, wechat: client })
  t.same(await service.download('head_image', { server_id: 'sim-1' }), {
    status: 503, body: { message: '暂时无法连接微信服务，请稍后再试', code: 'MEDIA_WECHAT_UNAVAILABLE' }
  })
  t.same(await service.stored(), { records: 0, files: 0 })
})

t.test('an image that passes MEDIA_MAX_BYTES while streaming ' +
  '(no length announced) leaves no partial blob', async (t) => {
  const simulator = await startSimulator(t)
  const store = await openTestStore(t)
  const client = changedClient(t, simulator, store, (media) => ({ ...media, contentLength: undefined }))
  const service = await build(t, { env: { MEDIA_MAX_BYTES: String(1024 * 1024) }, store, wechat: client })
  t.same((await service.download('vehicle_image', { server_id: 'sim-big-5000000' })).body, {
    message: '图片过大，不能超过 1 MB', code: 'MEDIA_IMAGE_TOO_LARGE'
  })
  t.same(await service.stored(), { records: 0, files: 0 })
})

t.test('a token WeChat invalidates mid-flight is refreshed once and the download retried once', async (t) => {
  const service = await build(t)
  t.equal((await service.download('head_image', { server_id: 'sim-before' })).body.message, 'success')
  t.same(service.simulator.calls, { ...service.simulator.calls, token: 1, media: 1 })
  service.simulator.invalidateToken()
  t.equal((await service.download('head_image', { server_id: 'sim-after' })).body.message, 'success')
  t.equal(service.simulator.calls.token, 2, 'one refresh')
  t.equal(service.simulator.calls.media, 3, 'the refused download, and one retry')
  t.same(await service.stored(), { records: 2, files: 4 })
})

t.test('two media processes sharing one store fetch one token for 50 concurrent downloads, ' +
  'and one more after WeChat invalidates it', async (t) => {
  const simulator = await startSimulator(t)
  const closers: Array<() => Promise<unknown>> = []
  t.teardown(async () => { for (const close of closers) await close() })
  const store = await openTestStore(t)
  // One user's 100 photos: above the default upload quota, which is not what this test is about.
  const config = testConfig(simulator, t.testdirName, {
    LOG_LEVEL: 'silent', MEDIA_USER_IMAGES_PER_DAY: '100', MEDIA_USER_IMAGES_TOTAL: '100',
    MEDIA_USER_BYTES_PER_DAY: String(1024 * 1024 * 1024)
  })
  const first = await buildService(mediaService, { config, store, broker: new InProcessBroker() })
  closers.push(() => first.close())
  const second = await buildService(mediaService, { config, store, broker: new InProcessBroker() })
  closers.unshift(() => second.close())

  const downloadAll = (round: string) => Promise.all(Array.from({ length: 50 }, async (_, i) => {
    const app = i % 2 === 0 ? first : second
    const url = `/wx/auto_download/vehicle_image?server_id=sim-${round}-${i}`
    const response = await app.inject({ method: 'GET', url, headers: gatewayHeaders('GET', url) })
    return (JSON.parse(response.body) as { message: string }).message
  }))
  t.same(new Set(await downloadAll('a')), new Set(['success']))
  t.equal(simulator.calls.token, 1, 'one token fetch for both processes')
  simulator.invalidateToken()
  t.same(new Set(await downloadAll('b')), new Set(['success']))
  t.equal(simulator.calls.token, 2, 'one refresh for 50 refused downloads')
  t.equal(await store.collection('images').countDocuments(), 100)
})

t.test('a video media (WeChat answers JSON with its url, no errcode) is refused as not an image, ' +
  'not a 503', async (t) => {
  const service = await build(t)
  t.same(await service.download('vehicle_image', { server_id: 'sim-video-1' }), {
    status: 200, body: { message: '只能上传 JPEG、PNG、GIF 或 WebP 图片', code: 'MEDIA_NOT_AN_IMAGE' }
  })
  t.same(await service.stored(), { records: 0, files: 0 })
})
