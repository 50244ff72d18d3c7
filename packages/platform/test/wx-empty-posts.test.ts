import t from 'tap'
import { createSessionSigner } from '@driver/kit/session'
import { build } from './helper.js'

const USER_ID = '64b7f0c2a1b2c3d4e5f6071b'

/**
 * jQuery's `$.post(url, cb)` and `$.post(url, {}, cb)` both send a POST with
 * `Content-Length: 0` and no Content-Type (jQuery sets the type only for a
 * non-empty body); other clients send the form type with an empty body.
 */
const EMPTY_POSTS: Array<[string, Record<string, string>]> = [
  ['no content type', {}],
  ['the form type', { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' }]
]

t.test('a POST without a body is a call without parameters on every /wx service, as the GET without ' +
  'a query is', async (t) => {
  const { platform, base, keys } = await build(t)
  const sign = await createSessionSigner(keys.privateKey)
  const cookie = `wx_session=${sign({ sub: USER_ID })}`
  await platform.services.resumes.store.collection<{ _id: string, nick_name: string }>('wx_user')
    .insertOne({ _id: USER_ID, nick_name: 'driver' })
  const call = async (method: 'GET' | 'POST', path: string, headers: Record<string, string> = {}) =>
    JSON.parse(await (await fetch(`${base}${path}`, { method, headers: { ...headers, cookie, accept: '*/*' } })).text())

  const expected = {
    '/wx/self_info/view': { message: 'success', data: { _id: USER_ID, nick_name: 'driver' } },
    '/wx/self_info/update': { message: 'success', data: { _id: USER_ID, nick_name: 'driver' } },
    '/wx/resume/view': { message: '请先填写简历基本信息', code: 'RESUMES_NO_RESUME' },
    '/wx/jssdk/config': { message: '参数错误: url', code: 'KIT_VALIDATION' },
    '/wx/sms/get': { message: '参数错误: phone', code: 'KIT_VALIDATION' }
  }
  for (const [path, answer] of Object.entries(expected)) {
    t.same(await call('GET', path), answer, `GET ${path} without a query`)
    for (const [shape, headers] of EMPTY_POSTS) {
      t.same(await call('POST', path, headers), answer, `POST ${path}, empty, ${shape}`)
    }
  }
  const opt = await call('POST', '/wx/resume/opt')
  t.equal(opt.message, 'success', 'an empty resume is started')
  t.match(await call('POST', '/wx/resume/view'), { message: 'success', data: { _id: opt.resume_id } })
})
