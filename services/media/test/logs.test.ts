import t from 'tap'
import { createWechatClient } from '@driver/wechat'
import { APP_ID, APP_SECRET, ASSERTION_SECRET, buildMediaTestbed } from './helper.js'
import { JPEG } from './fixtures/images.js'

t.test('no secret, token, ticket or signature reaches a log line, even at trace level', async (t) => {
  const testbed = await buildMediaTestbed(t, { LOG_LEVEL: 'trace', WECHAT_JS_DOMAINS: 'h5.example.com' })
  /** A fresh client on the service's store reads what the service cached (a client keeps its own copy in memory). */
  const reader = () => {
    const client = createWechatClient({ apiUrl: testbed.simulator.url, openUrl: testbed.simulator.url, appId: APP_ID, secret: APP_SECRET, store: testbed.app.store })
    t.teardown(() => client.close())
    return client
  }

  t.equal((await testbed.download('id_image', { server_id: 'sim-1', field_name: 'id_image_face' })).body.message, 'success')
  const firstToken = await reader().accessToken()
  testbed.simulator.invalidateToken()
  t.equal((await testbed.download('head_image', { server_id: 'sim-2' })).body.message, 'success', 'after a refresh')
  const secondToken = await reader().accessToken()
  t.not(firstToken, secondToken)
  const config = JSON.parse((await testbed.inject({ method: 'GET', url: `/wx/jssdk/config?url=${encodeURIComponent('https://h5.example.com/?token=x')}` })).body) as { signature: string }
  const ticket = await reader().jsapiTicket()
  await testbed.download('head_image', { server_id: 'sim-error-40164' })
  await testbed.download('head_image', { server_id: 'not-a-sim-id' })
  await testbed.upload('head_image', [{ name: 'file', filename: 'a.jpg', data: JPEG }])

  t.ok(testbed.logs.length > 10, `${testbed.logs.length} log lines`)
  const secrets = { APP_SECRET, ASSERTION_SECRET, firstToken, secondToken, ticket, signature: config.signature }
  for (const [name, value] of Object.entries(secrets)) {
    t.ok(value.length >= 16, `${name} is a real value`)
    t.same(testbed.logs.filter((line) => line.includes(value)), [], `${name} is in no log line`)
  }
})
