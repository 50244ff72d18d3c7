import Fastify from 'fastify'
import t from 'tap'
import WXBizMsgCrypt from 'wechat-crypto'
import { SIM_ACCOUNT_ID, startWechatSimulator } from '../../src/wechat/index.js'
import { APP_ID, APP_SECRET } from '../helper.js'

const TOKEN = 'simPushToken1'
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'

interface Received { query: Record<string, string>, body: string }

/** A server address that answers each push with the next of `statuses` (200 once they run out), or never. */
async function receiver (t: Tap, statuses: Array<number | 'hang'> = []) {
  const received: Received[] = []
  const app = Fastify({ forceCloseConnections: true })
  app.addContentTypeParser('text/xml', { parseAs: 'string' }, (_request, body, done) => { done(null, body) })
  app.post('/wx/portal', async (request, reply) => {
    received.push({ query: request.query as Record<string, string>, body: String(request.body) })
    const status = statuses.shift() ?? 200
    if (status === 'hang') return new Promise(() => {})
    return reply.code(status).type('text/plain').send(status === 200 ? 'success' : 'failed')
  })
  const url = `${await app.listen({ host: '127.0.0.1', port: 0 })}/wx/portal`
  t.teardown(() => app.close())
  return { url, received }
}
type Tap = { teardown: (fn: () => unknown) => void }

t.test('a follow through a QR code is pushed signed and encrypted, and user/info tells it', async (t) => {
  const { url, received } = await receiver(t)
  const simulator = await startWechatSimulator({
    appId: APP_ID, secret: APP_SECRET, push: { token: TOKEN, encodingAesKey: AES_KEY, url }
  })
  t.teardown(simulator.close)
  const outcome = await simulator.push({ openid: 'sim_driver', event: 'subscribe', scene: 'abc' })
  t.same(outcome, { delivered: true, attempts: 1, status: 200, body: 'success' })
  const [{ query, body } = { query: {}, body: '' }] = received
  const theirs = new WXBizMsgCrypt(TOKEN, AES_KEY, APP_ID)
  const encrypt = /<Encrypt><!\[CDATA\[([^\]]+)\]\]><\/Encrypt>/.exec(body)?.[1] ?? ''
  t.equal(query.encrypt_type, 'aes')
  t.equal(query.msg_signature, theirs.getSignature(query.timestamp ?? '', query.nonce ?? '', encrypt))
  t.notMatch(body, /FromUserName/, 'safe mode: only the encrypted message')
  const { message, id } = theirs.decrypt(encrypt)
  t.equal(id, APP_ID)
  t.match(message, '<FromUserName><![CDATA[sim_driver]]></FromUserName>')
  t.match(message, '<Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[qrscene_abc]]></EventKey>')
  t.match(message, `<ToUserName><![CDATA[${SIM_ACCOUNT_ID}]]></ToUserName>`)

  const tokenUrl = `${simulator.url}/cgi-bin/token?grant_type=client_credential&appid=${APP_ID}&secret=${APP_SECRET}`
  const { access_token: token } = await (await fetch(tokenUrl)).json() as { access_token: string }
  const info = async (openid: string) =>
    (await fetch(`${simulator.url}/cgi-bin/user/info?access_token=${token}&openid=${openid}&lang=zh_CN`)).json()
  t.match(await info('sim_driver'), { subscribe: 1, openid: 'sim_driver', subscribe_scene: 'ADD_SCENE_QR_CODE' })
  t.same(await info('sim_stranger'), { subscribe: 0, openid: 'sim_stranger' })
  await fetch(`${simulator.url}/sim/push?openid=sim_driver&event=unsubscribe`, { method: 'POST' })
  t.same(await info('sim_driver'), { subscribe: 0, openid: 'sim_driver' }, 'unfollowed over the HTTP hook')
})

t.test('a push is tried three times in all until it is answered 200', async (t) => {
  const { url, received } = await receiver(t, [500, 503])
  const simulator = await startWechatSimulator({ appId: APP_ID, secret: APP_SECRET, push: { token: TOKEN, url } })
  t.teardown(simulator.close)
  const outcome = await simulator.push({ openid: 'sim_driver', event: 'SCAN', scene: 'abc' })
  t.same(outcome, { delivered: true, attempts: 3, status: 200, body: 'success' })
  t.equal(received.length, 3)
  t.same(new Set(received.map(({ body }) => body)).size, 1, 'the same message each time')
  t.match(received[0]?.body, '<EventKey><![CDATA[abc]]></EventKey>', 'plain mode, the scene as SCAN gives it')
})

t.test('a server address that does not answer in time is given up after three tries', async (t) => {
  const { url } = await receiver(t, ['hang', 'hang', 'hang'])
  const simulator = await startWechatSimulator({
    appId: APP_ID, secret: APP_SECRET, push: { token: TOKEN, url }, pushTimeoutMs: 50
  })
  t.teardown(simulator.close)
  // How many of the three reached the server before their wait ran out depends on the machine's load: not asserted.
  t.same(await simulator.push({ openid: 'sim_driver', event: 'subscribe' }), { delivered: false, attempts: 3 })
})
