import t from 'tap'
import { randomUUID } from 'node:crypto'
import { connectBus } from '@driver/bus'
import { assertionHeaders, type App } from '@driver/kit'
import { buildService } from '@driver/kit/service'
import { loadMediaConfig, mediaService } from '@driver/media'
import { loadResumesConfig, resumesService } from '@driver/resumes'
import { AMQP_URL, skipWithoutRabbitmq } from '@driver/testing'
import { startWechatSimulator } from '@driver/simulators/wechat'
import { pino } from 'pino'
import { rabbitRun } from './helpers/rabbitmq-run.js'

await skipWithoutRabbitmq(t)

const USER_ID = '64b7f0c2a1b2c3d4e5f6071b'
const OTHER_USER_ID = '64b7f0c2a1b2c3d4e5f6071c'
const SECRET = 'gateway-assertion-secret-for-the-resume-media-test'
const APP = { appId: 'wx-resume-media-test', secret: 'resume-media-test-secret-0123456789' }

type Answer = Record<string, unknown> & { message: string, code?: string }

/** A form post to a service, signed as the gateway signs what it forwards for `user`. */
async function post (
  app: App, url: string, form: Record<string, string>, user = USER_ID
): Promise<{ status: number, body: Answer }> {
  const response = await app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(form).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...assertionHeaders(
        SECRET,
        { method: 'POST', url, requestId: randomUUID(), clientIp: '10.0.0.1', wxUserId: user }
      )
    }
  })
  return { status: response.statusCode, body: JSON.parse(response.body) }
}

t.test('resumes checks image ids with the media service over RabbitMQ', async (t) => {
  const run = rabbitRun(t)
  const closers: Array<() => Promise<unknown>> = []
  t.teardown(async () => { for (const close of closers) await close() })
  const dataDir = t.testdir()
  const simulator = await startWechatSimulator({ ...APP, port: 0 })
  closers.push(() => simulator.close())

  const media = await buildService(mediaService, {
    config: loadMediaConfig(
      {
        LOG_LEVEL: 'silent', DATA_DIR: dataDir, GATEWAY_ASSERTION_SECRET: SECRET, WECHAT_API_URL: simulator.url,
        WECHAT_APPID: APP.appId, WECHAT_SECRET: APP.secret
      }
    ),
    bus: await run.bus('media')
  })
  let mediaUp = true
  closers.unshift(async () => { if (mediaUp) await media.close() })
  // A short wait for replies, so the outage below is told quickly.
  const resumesBus = await connectBus(
    {
      service: `${run.prefix}-resumes`,
      amqpUrl: AMQP_URL,
      logger: pino({ level: 'silent' }),
      connectTimeout: 5_000,
      requestTimeout: 1_500,
      ...run.exchanges
    }
  )
  const resumes = await buildService(
    resumesService,
    {
      config: loadResumesConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, GATEWAY_ASSERTION_SECRET: SECRET }),
      bus: resumesBus
    }
  )
  closers.unshift(() => resumes.close())
  const users = resumes.store.collection<{ _id: string, nick_name: string }>('wx_user')
  await users.insertOne({ _id: USER_ID, nick_name: 'driver' })
  await users.insertOne({ _id: OTHER_USER_ID, nick_name: 'other' })

  const head = await post(media, '/wx/auto_download/head_image', { server_id: 'sim-head' })
  const back = await post(media, '/wx/auto_download/id_image', { server_id: 'sim-back', field_name: 'id_image_back' })
  const honor = await post(media, '/wx/auto_download/honor_image', { server_id: 'sim-honor' })
  t.equal(head.body.message, 'success')
  const headId = String(head.body.head_image)

  const saved = await post(resumes, '/wx/resume/opt', { head_image: headId, id_image_back: String(back.body.id_image_back), head_image_url: 'http://evil.example/x.jpg' })
  t.equal(saved.body.message, 'success')
  const resume = await resumes.store.collection<Record<string, unknown>>('resume').findOne({ wx_id: USER_ID })
  t.match(
    resume,
    { head_image: headId, head_image_url: head.body.head_image_url, id_image_back_url: back.body.id_image_back_url },
    'ids saved with media\'s urls'
  )

  const added = await post(
    resumes,
    '/wx/resume/extend',
    { opt: 'add_honor', title: '先进工作者', image_id: String(honor.body.image_id) }
  )
  t.match(added.body, { message: 'success', h_id: /^[0-9a-f]{24}$/ })

  t.same(
    (await post(resumes, '/wx/resume/opt', { head_image: headId }, OTHER_USER_ID)).body,
    { message: '图片不属于当前用户，请重新上传', code: 'RESUMES_IMAGE_NOT_YOURS' }
  )
  t.equal(
    (await post(resumes, '/wx/resume/opt', { id_image_face: String(back.body.id_image_back) })).body.code,
    'RESUMES_IMAGE_WRONG_KIND',
    'the back of the card as its face'
  )
  t.equal(
    (await post(resumes, '/wx/resume/extend', { opt: 'add_vehicle', image_id: String(honor.body.image_id) })).body.code,
    'RESUMES_IMAGE_WRONG_KIND',
    'an honour\'s photo as a vehicle\'s'
  )
  t.equal(
    (await post(resumes, '/wx/resume/opt', { head_image: 'dddddddddddddddddddddddd' })).body.code,
    'RESUMES_IMAGE_NOT_FOUND'
  )

  // Media stops: an image cannot be checked, so nothing is saved, and the user is told to try later.
  await media.close()
  mediaUp = false
  const outage = await post(resumes, '/wx/resume/opt', { head_image: headId, real_name: '张三' })
  t.same(outage, { status: 503, body: { message: '服务暂不可用，请稍后再试', code: 'KIT_DEPENDENCY_UNAVAILABLE' } })
  t.notOk(
    (await resumes.store.collection<Record<string, unknown>>('resume').findOne({ wx_id: USER_ID }))?.real_name,
    'nothing was saved'
  )
})
