import t from 'tap'
import { createWechatClient } from '@driver/wechat'
import { APP_ID, APP_SECRET, ASSERTION_SECRET, build } from './helper.js'
import { JPEG } from './fixtures/images.js'

t.test('no secret, token, ticket or signature reaches a log line, even at trace level', async (t) => {
  const service = await build(t, { env: { LOG_LEVEL: 'trace', WECHAT_JS_DOMAINS: 'h5.example.com' } })
  /** A fresh client on the service's store reads what the service cached (a client keeps its own copy in memory). */
  const reader = () => {
    const client = createWechatClient({
      apiUrl: service.simulator.url, openUrl: service.simulator.url, appId: APP_ID, secret: APP_SECRET,
      store: service.app.store
    })
    t.teardown(() => client.close())
    return client
  }

  t.equal((await service.download('id_image', { server_id: 'sim-1', field_name: 'id_image_face' })).body.message,
    'success')
  const firstToken = await reader().accessToken()
  service.simulator.invalidateToken()
  t.equal((await service.download('head_image', { server_id: 'sim-2' })).body.message, 'success', 'after a refresh')
  const secondToken = await reader().accessToken()
  t.not(firstToken, secondToken)
  const config = JSON.parse((await service.inject({ method: 'GET', url: `/wx/jssdk/config?url=${encodeURIComponent('https://h5.example.com/?token=x')}` })).body) as { signature: string }
  const ticket = await reader().jsapiTicket()
  await service.download('head_image', { server_id: 'sim-error-40164' })
  await service.download('head_image', { server_id: 'not-a-sim-id' })
  await service.upload('head_image', [{ name: 'file', filename: 'a.jpg', data: JPEG }])

  t.ok(service.logs.length > 10, `${service.logs.length} log lines`)
  const secrets = { APP_SECRET, ASSERTION_SECRET, firstToken, secondToken, ticket, signature: config.signature }
  for (const [name, value] of Object.entries(secrets)) {
    t.ok(value.length >= 16, `${name} is a real value`)
    t.same(service.logs.filter((line) => line.includes(value)), [], `${name} is in no log line`)
  }
})
