import t from 'tap'
import { once } from 'node:events'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SIM_JPEG } from '@driver/simulators/wechat'
import { build, gatewayHeaders } from '../../helper.js'

/**
 * A WeChat that hands out a token, then trickles a photo: its head at once, then
 * a byte every 100 ms, each well within the client's 10 s between chunks, so only
 * a deadline on the download as a whole ends it.
 */
async function tricklingWechat (t: { teardown: (fn: () => unknown) => void }) {
  const downloads: ServerResponse[] = []
  const server = createServer((request, response) => {
    if (request.url?.startsWith('/cgi-bin/token') === true) {
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify({ access_token: 'TRICKLE_TOKEN', expires_in: 7200 }))
      return
    }
    downloads.push(response)
    response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(SIM_JPEG.length + 100_000) })
    response.write(SIM_JPEG.subarray(0, 20))
    const timer = setInterval(() => response.write(Buffer.from([0])), 100)
    response.once('close', () => clearInterval(timer))
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.teardown(() => { server.closeAllConnections(); server.close() })
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, downloads }
}

t.test('a download WeChat trickles past MEDIA_DOWNLOAD_TIMEOUT_MS is WeChat out of reach: ' +
  '503, nothing stored', async (t) => {
  const wechat = await tricklingWechat(t)
  const service = await build(t, { env: { WECHAT_API_URL: wechat.url, MEDIA_DOWNLOAD_TIMEOUT_MS: '1000' } })
  // The trickle would last 10,000 s and never trips the 10 s wait between chunks: only the deadline answers.
  t.same(await service.download('vehicle_image', { server_id: 'slow-photo' }), {
    status: 503, body: { message: '暂时无法连接微信服务，请稍后再试', code: 'MEDIA_WECHAT_UNAVAILABLE' }
  })
  t.ok(service.logs.some((line) => line.includes('the download took longer than 1000 ms')),
    'logged as the deadline, not as a stalled chunk')
  t.same(await service.stored(), { records: 0, files: 0 })
  await t.resolves(waitUntil(() => wechat.downloads[0]?.destroyed === true), 'the connection to WeChat is dropped')
})

t.test('a caller who hangs up mid-download stops it: ' +
  'WeChat\'s connection is dropped and nothing is stored', async (t) => {
  const wechat = await tricklingWechat(t)
  const service = await build(t, { env: { WECHAT_API_URL: wechat.url } })
  const address = await service.app.listen({ port: 0, host: '127.0.0.1' })
  const url = '/wx/auto_download/vehicle_image'
  const caller = new AbortController()
  const request = fetch(`${address}${url}`, {
    method: 'POST',
    headers: { ...gatewayHeaders('POST', url), 'content-type': 'application/x-www-form-urlencoded' },
    body: 'server_id=slow-photo',
    signal: caller.signal
  }).catch((error: unknown) => error)
  await t.resolves(waitUntil(() => wechat.downloads.length === 1), 'the download started')
  caller.abort()
  await request
  await t.resolves(waitUntil(() => wechat.downloads[0]?.destroyed === true), 'WeChat\'s connection is dropped')
  await t.resolves(waitUntil(() => service.logs.some((line) => line.includes('MEDIA_DOWNLOAD_ABANDONED'))),
    'the abandoned download is logged')
  t.same(await service.stored(), { records: 0, files: 0 })
})

async function waitUntil (condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
