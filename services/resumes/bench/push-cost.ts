/**
 * CPU per pushed WeChat event in safe mode (signature, decryption, XML, dedupe
 * and follower in the store), beside a JSON POST of the same fields that does
 * the same store work (the floor). Each runs `BENCH_EVENTS` new followers
 * through `inject`, in this one process; CPU is process.cpuUsage (user + sys).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InProcessBroker } from '@driver/bus'
import { assertionHeaders } from '@driver/kit'
import { buildService } from '@driver/kit/service'
import { generateSessionKeyPair } from '@driver/kit/session'
import { signedPush } from '@driver/simulators/wechat'
import { gatewayInject } from '@driver/testing'
import Fastify from 'fastify'
import { resumesService } from '../src/app.js'
import { loadResumesConfig } from '../src/config.js'

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000)
const SECRET = 'bench-gateway-assertion-secret-0123456789'
const TOKEN = 'benchPushToken'
const AES_KEY = 'B'.repeat(43)
const APP_ID = 'wx-bench-app'

const dataDir = await mkdtemp(join(tmpdir(), 'push-bench-'))
const config = loadResumesConfig({
  LOG_LEVEL: 'silent', DATA_DIR: dataDir, GATEWAY_ASSERTION_SECRET: SECRET,
  SESSION_PRIVATE_KEY: generateSessionKeyPair().privateKey, WECHAT_APPID: APP_ID, WECHAT_SECRET: 'bench-secret',
  WECHAT_API_URL: 'http://127.0.0.1:9', WECHAT_OPEN_URL: 'http://127.0.0.1:9',
  WECHAT_OAUTH_CALLBACK_URL: 'http://127.0.0.1:8080/wx/auth/callback',
  WECHAT_PUSH_TOKEN: TOKEN, WECHAT_ENCODING_AES_KEY: AES_KEY
})
const app = await buildService(resumesService, { config, broker: new InProcessBroker() })
const inject = gatewayInject(app, (request) => assertionHeaders(SECRET, request), '')

// The floor: the same fields as JSON and the same writes (a receipt, the follower's upsert), without the
// signature, AES, XML, or the service's request handling (the plugins live inside the service's scope).
const receipts = app.store.collection<{ _id: string, at: Date }>('wx_push_receipts')
const users = app.store.collection<{ openid: string, subscribe?: number }>('wx_user')
const floor = Fastify()
floor.post('/json', async (request) => {
  const { FromUserName: openid, CreateTime: at } = request.body as { FromUserName: string, CreateTime: number }
  await receipts.insertOne({ _id: `event:${openid}:${at}:subscribe`, at: new Date() })
  const state = { subscribe: 1, subscribe_time: new Date(at * 1000), subscribe_scene: 'ADD_SCENE_OTHERS' }
  await users.findOneAndUpdate({ openid }, { $set: state }, { upsert: true, returnDocument: 'after' })
  return 'success'
})
await floor.ready()

const fieldsOf = (prefix: string, index: number) => ({
  ToUserName: 'gh_bench', FromUserName: `o_${prefix}_${index}`, CreateTime: Math.floor(Date.now() / 1000),
  MsgType: 'event', Event: 'subscribe', EventKey: ''
})

/** Requests are built before the clock starts: WeChat's side of the work is not ours. */
async function measure<R> (
  name: string, prepare: (index: number) => R, send: (request: R) => Promise<string>
): Promise<void> {
  for (let index = 0; index < 100; index++) await send(prepare(-index - 1))
  const requests = Array.from({ length: EVENTS }, (_, index) => prepare(index))
  const start = process.cpuUsage()
  for (const request of requests) {
    const answer = await send(request)
    if (answer !== 'success') throw new Error(`${name}: ${answer}`)
  }
  const used = process.cpuUsage(start)
  console.log(`${name.padEnd(28)} ${((used.user + used.system) / EVENTS).toFixed(0).padStart(5)} µs CPU per event`)
}

const signing = { token: TOKEN, encodingAesKey: AES_KEY, appId: APP_ID, mode: 'safe' as const }
await measure('safe-mode push (/wx/portal)', (index) =>
  signedPush(signing, fieldsOf('push', index), Math.floor(Date.now() / 1000)), async ({ query, body }) => {
  const answer = await inject({
    method: 'POST', url: `/wx/portal?${query}`, user: null, headers: { 'content-type': 'text/xml' }, payload: body
  })
  return answer.body
})
await measure('JSON POST, same store work', (index) => fieldsOf('json', index), async (payload) =>
  (await floor.inject({ method: 'POST', url: '/json', payload })).body)

await floor.close()
await app.close()
await rm(dataDir, { recursive: true, force: true })
