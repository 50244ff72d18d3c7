import t from 'tap'
import { assertionHeaders } from '@driver/kit'
import { buildService } from '@driver/kit/service'
import { smsService } from '../src/app.js'
import { loadSmsConfig } from '../src/config.js'
import { build } from './helper.js'

t.test('the sms service answers health and readiness', async (t) => {
  const app = await buildService(smsService, { config: loadSmsConfig({ LOG_LEVEL: 'silent', DATA_DIR: t.testdir() }) })
  t.teardown(() => app.close())
  t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200)
  const ready = await app.inject({ method: 'GET', url: '/readyz' })
  t.equal(ready.statusCode, 200)
  t.same(ready.json(), { status: 'ok', checks: { store: 'ok', bus: 'ok' } })
})

t.test('an unknown /wx path is a 404 in the /wx envelope; any other path in the /users one', async (t) => {
  const service = await build(t)
  const wx = await service.inject({ method: 'GET', url: '/wx/nothing' })
  t.equal(wx.statusCode, 404)
  t.same(JSON.parse(wx.body), { message: '接口不存在', code: 'KIT_NOT_FOUND' })
  const other = await service.inject({ method: 'GET', url: '/nothing' })
  t.equal(other.statusCode, 404)
  t.same(other.json(), { result: 0, msg: '接口不存在', code: 'KIT_NOT_FOUND' })
})

t.test('the OpenAPI document lists the sms routes with their parameters and answers, ' +
  'and nothing internal', async (t) => {
  const service = await build(t)
  type Responses = Record<string, { content: Record<string, { schema: unknown }> }>
  const document = (await service.inject({ method: 'GET', url: '/openapi.json', user: null }))
    .json<{ openapi: string, paths: Record<string, Record<string, { responses: Responses }>> }>()
  t.match(document.openapi, /^3\./)
  t.same(Object.keys(document.paths).sort(), ['/dev/sms/outbox', '/wx/sms/check', '/wx/sms/get'])
  t.same(Object.keys(document.paths['/wx/sms/check'] ?? {}).sort(), ['get', 'post'])
  const success = document.paths['/wx/sms/check']?.post?.responses['200']?.content['application/json']?.schema
  t.match(success, {
    anyOf: [{ type: 'object', properties: { message: { enum: ['success'] } } }, { required: ['message', 'code'] }]
  }, 'a success, or a refusal with the same status')
  t.ok(document.paths['/wx/sms/get']?.post?.responses.default, 'the failure envelope is documented')
})

t.test('production has no dev outbox in its routes or its document', async (t) => {
  const config = loadSmsConfig({
    LOG_LEVEL: 'silent',
    DATA_DIR: t.testdir(),
    NODE_ENV: 'production',
    SMS_CODE_SECRET: 'x'.repeat(32),
    GATEWAY_ASSERTION_SECRET: 'y'.repeat(32)
  })
  const app = await buildService(smsService, { config })
  t.teardown(() => app.close())
  const request = { method: 'GET', url: '/openapi.json', requestId: 'r', clientIp: '::1' }
  const signed = assertionHeaders('y'.repeat(32), request)
  const document = (await app.inject({ method: 'GET', url: '/openapi.json', headers: signed }))
    .json<{ paths: Record<string, unknown> }>()
  t.notOk(document.paths['/dev/sms/outbox'])
})
