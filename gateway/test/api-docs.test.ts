import t from 'tap'
import { Type } from 'typebox'
import type { App } from '@driver/kit'
import { ConfigError } from '@driver/kit'
import { loadGatewayConfig } from '../src/config.js'
import { gatewayOptions } from '../src/options.js'
import { build, type OriginDocument } from './helper.js'

interface Document {
  info: { title: string, version: string }
  servers?: Array<{ url: string, description?: string }>
  tags?: Array<{ name: string }>
  paths: Record<string, Record<string, Operation>>
  components: Record<string, Record<string, { title?: string, type?: string, scheme?: string }>>
  'x-unavailable': string[]
}
interface Operation {
  operationId?: string
  tags?: string[]
  summary?: string
  description?: string
  security?: unknown
  parameters?: Array<{ in: string, name: string }>
  responses: Record<string, { description?: string, content?: Record<string, { schema: unknown, example?: unknown }> }>
  'x-mefp-only'?: boolean
  'x-same-site-only'?: boolean
  'x-dev-only'?: boolean
}

const WxFailure = Type.Object({ message: Type.String(), code: Type.String() })
const SmsSent = Type.Object({ message: Type.Literal('success') })
const PhoneParams = Type.Object({ phone: Type.String({ maxLength: 32 }) })

/** Shaped like the sms service's routes: "post/get" twins with a success and a failure answer. */
const sms: OriginDocument = {
  declare: (app: App) => {
    const schema = { summary: 'Send a verification code', response: { 200: SmsSent, default: WxFailure } }
    const sent = async () => ({ message: 'success' as const })
    app.get('/wx/sms/get', { schema: { ...schema, querystring: PhoneParams } }, sent)
    app.post('/wx/sms/get', { schema: { ...schema, body: PhoneParams } }, sent)
    app.get('/dev/sms/outbox', { schema: { querystring: PhoneParams } }, async () => ({}))
    const stats = { response: { 200: Type.Object({ sent: Type.Integer() }) } }
    app.get('/internal/sms/stats', { schema: stats }, async () => ({ sent: 0 }))
  }
}

/** Shared schemas come out of @fastify/swagger as `def-0`, `def-1`… in every service. */
const identity: OriginDocument = {
  securitySchemes: { usersBearer: { type: 'http', scheme: 'bearer', description: 'a /users token' } },
  declare: (app: App) => {
    app.addSchema({ $id: 'User', title: 'User', type: 'object', properties: { id: { type: 'integer' } } })
    const Token = Type.Object({ result: Type.Literal(1), token: Type.String() })
    app.post('/users/token', {
      schema: { description: 'A token for a login name.', response: { 200: Token } }
    }, async () => ({ result: 1 as const, token: 'x' }))
    app.get('/users/:id', {
      schema: {
        params: Type.Object({ id: Type.Integer() }),
        security: [{ usersBearer: [] }],
        response: { 200: { $ref: 'User#' } }
      }
    }, async () => ({ id: 1 }))
  }
}

const media: OriginDocument = {
  declare: (app: App) => {
    app.addSchema({ $id: 'Image', title: 'Image', type: 'object', properties: { url: { type: 'string' } } })
    app.get('/wx/images/:id', {
      schema: {
        params: Type.Object({ id: Type.String() }),
        headers: Type.Object({ 'x-wx-user-id': Type.String() }),
        response: { 200: { $ref: 'Image#' } }
      }
    }, async () => ({ url: '' }))
  }
}

/** A hand-written document naming paths the gateway must not publish for resumes. */
const resumes: OriginDocument = {
  body: {
    openapi: '3.0.3',
    info: { title: 'resumes service', version: '1.0.0' },
    paths: {
      '/healthz': { get: { responses: { 200: { description: 'ok' } } } },
      '/readyz': { get: { responses: { 200: { description: 'ok' } } } },
      '/openapi.json': { get: { responses: { 200: { description: 'ok' } } } },
      '/wx/sms/check': { post: { responses: { 200: { description: 'not resumes\' to publish' } } } },
      '/wx/resumes': { get: { responses: { 200: { description: 'outside /wx/resume' } } } },
      '/wx/resume/opt': {
        post: {
          security: [{ internal: [] }],
          servers: [{ url: 'http://127.0.0.1:3002' }],
          responses: { 200: { description: 'saved' } }
        },
        query: { responses: { 200: { description: 'not an OpenAPI 3.0 method' } } }
      },
      '/wx/auth/login': { get: { responses: { 302: { description: 'to WeChat' } } } }
    }
  }
}

const documents = { sms, identity, media, resumes }

async function openapi (gateway: App): Promise<Document> {
  const response = await gateway.inject({ method: 'GET', url: '/openapi.json' })
  if (response.statusCode !== 200) throw new Error(`/openapi.json answered ${response.statusCode}`)
  return response.json<Document>()
}

t.test('the merged document carries the services\' public paths with their schemas', async (t) => {
  const { gateway } = await build(t, {}, documents)
  const response = await gateway.inject({ method: 'GET', url: '/openapi.json' })
  t.equal(response.statusCode, 200)
  t.match(response.headers['content-type'], /^application\/json/)
  const document = response.json<Document>()
  t.equal(document.info.title, 'Driver platform')
  t.type(document.info.version, 'string')
  t.same(document['x-unavailable'], [])

  const get = document.paths['/wx/sms/get']?.get
  t.equal(get?.summary, 'Send a verification code')
  t.same(get?.responses['200']?.content?.['application/json']?.schema, {
    type: 'object', required: ['message'], properties: { message: { type: 'string', enum: ['success'] } }
  }, 'the success answer as the sms service declared it')
  t.same(get?.responses.default?.content?.['application/json']?.schema, {
    type: 'object', required: ['message', 'code'], properties: { message: { type: 'string' }, code: { type: 'string' } }
  }, 'and its failure envelope')
  t.same(get?.parameters, [{ schema: { type: 'string', maxLength: 32 }, in: 'query', name: 'phone', required: true }])
  t.ok(document.paths['/wx/sms/get']?.post?.responses['200'], 'the POST twin too')
  t.same(get?.security, [{ wxSessionCookie: [] }, { wxSessionBearer: [] }], 'a /wx/sms route needs a session')
  t.ok(get?.responses['401'], 'and says what happens without one')
  t.equal(get?.['x-same-site-only'], true, 'it sends an SMS: another site\'s page may not ask for it')
  t.match(get?.responses['403'], { description: /GATEWAY_CROSS_SITE/ }, 'and says what such a request gets')
  t.same(Object.keys(document.components.securitySchemes ?? {}).sort(),
    ['usersBearer', 'wxSessionBearer', 'wxSessionCookie'], 'the gateway\'s session, and what a service checks itself')

  t.equal(document.paths['/dev/sms/outbox']?.get?.['x-dev-only'], true, 'dev routes are marked when served')
  t.notOk(document.paths['/internal/sms/stats'], 'a path the gateway does not route is left out')
  t.same(document.paths['/wx/auth/login']?.get?.security, [], 'login needs no session, and says so')
  t.notOk(document.paths['/wx/auth/login']?.get?.['x-same-site-only'], 'WeChat sends the browser to the login')
})

t.test('health, readiness, a service\'s own document and paths routed elsewhere are never published', async (t) => {
  const { gateway } = await build(t, {}, documents)
  const document = await openapi(gateway)
  for (const path of ['/healthz', '/readyz', '/openapi.json', '/wx/resumes', '/internal/sms/stats']) {
    t.notOk(document.paths[path], path)
  }
  t.notOk(document.paths['/wx/sms/check'], 'a path the gateway sends to sms is not published from resumes\' document')

  const opt = document.paths['/wx/resume/opt']
  t.same(Object.keys(opt ?? {}), ['post'], 'methods outside OpenAPI 3.0 are dropped')
  const sessionSecurity = [{ wxSessionCookie: [] }, { wxSessionBearer: [] }]
  t.same(opt?.post?.security, sessionSecurity, 'the gateway\'s security replaces the service\'s')
  t.notOk((opt?.post as Record<string, unknown> | undefined)?.servers, 'a service\'s own address is not published')

  const image = document.paths['/wx/images/{id}']?.get
  const parameters = image?.parameters?.map((parameter) => `${parameter.in}:${parameter.name}`)
  t.same(parameters, ['path:id'], 'headers the gateway overwrites are not offered to clients')
})

t.test('every operation has an id, its service\'s tag and the rate limit\'s 429; the document names its server',
  async (t) => {
    const { gateway } = await build(t, {}, documents)
    const document = await openapi(gateway)
    t.same(document.servers, [{ url: '/', description: 'this gateway' }])
    t.same(document.tags?.map((tag) => tag.name), ['identity', 'resumes', 'media', 'sms'])
    t.equal(document.paths['/users/{id}']?.get?.operationId, 'getUsersById')
    t.equal(document.paths['/wx/sms/get']?.post?.operationId, 'postWxSmsGet')
    t.equal(document.paths['/dev/sms/outbox']?.get?.operationId, 'getDevSmsOutbox')
    t.same(document.paths['/users/{id}']?.get?.tags, ['identity'])
    t.same(document.paths['/dev/sms/outbox']?.get?.tags, ['sms'], 'a development route is its service\'s')
    t.same(document.paths['/wx/images/{id}']?.get?.tags, ['media'])
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        t.match(operation.responses['429'], { description: /RATE_LIMIT_MAX/ }, `${method} ${path}`)
      }
    }
    t.match(document.paths['/users/{id}']?.get?.responses['429']?.content?.['application/json'], {
      example: { result: 0, code: 'KIT_RATE_LIMITED' }
    }, 'in the envelope of /users')
    t.match(document.paths['/wx/sms/get']?.get?.responses['401']?.content?.['text/plain'], {
      example: { message: '未登录', code: 'KIT_UNAUTHORIZED' }
    }, 'and of /wx, as text unless JSON is asked for')
  })

t.test('a service\'s own credentials are kept on its operations and their schemes published', async (t) => {
  const { gateway } = await build(t, {}, documents)
  const document = await openapi(gateway)
  t.same(document.paths['/users/{id}']?.get?.security, [{ usersBearer: [] }])
  t.match(document.components.securitySchemes?.usersBearer, { type: 'http', scheme: 'bearer' })
  t.same(document.paths['/wx/resume/opt']?.post?.security, [{ wxSessionCookie: [] }, { wxSessionBearer: [] }],
    'a requirement naming a scheme the service does not describe is the gateway\'s to state')
  t.notOk(document.components.securitySchemes?.internal)
})

t.test('/users/token is documented as reachable from MEFP_ALLOWED_IPS only', async (t) => {
  const { gateway } = await build(t, {}, documents)
  const document = await openapi(gateway)
  const token = document.paths['/users/token']?.post
  t.equal(token?.['x-mefp-only'], true)
  t.match(token?.description, /MEFP_ALLOWED_IPS/)
  t.match(token?.description, /A token for a login name\./, 'the service\'s own description is kept')
  t.ok(token?.responses['403'])
  t.same(token?.security, [], 'no session: the allow-list is the gate')
  t.notOk(document.paths['/users/{id}']?.get?.['x-mefp-only'], 'other /users paths are open')
})

t.test('components that two services define differently are renamed per service, and refs follow', async (t) => {
  const { gateway } = await build(t, {}, documents)
  const document = await openapi(gateway)
  const schemas = document.components.schemas ?? {}
  t.equal(schemas['identity_def-0']?.title, 'User')
  t.equal(schemas['media_def-0']?.title, 'Image')
  t.notOk(schemas['def-0'])
  const answered = (path: string): unknown =>
    document.paths[path]?.get?.responses['200']?.content?.['application/json']?.schema
  t.same(answered('/users/{id}'), { $ref: '#/components/schemas/identity_def-0' })
  t.same(answered('/wx/images/{id}'), { $ref: '#/components/schemas/media_def-0' })
})

t.test('a service that is down or answers garbage is left out, and the document says so', async (t) => {
  const { gateway, origins } = await build(t, {}, {
    identity,
    resumes: { body: { swagger: '2.0', info: { title: 'old', version: '1' }, paths: {} } },
    sms: { body: '<html>502 Bad Gateway</html>' },
    media
  })
  await origins.media.app.close()
  const document = await openapi(gateway)
  t.same(document['x-unavailable'], ['resumes', 'media', 'sms'])
  t.ok(document.paths['/users/token'], 'the services that answered are still documented')
  t.notOk(Object.keys(document.paths).some((path) => path.startsWith('/wx/')), 'nothing from the others')
})

t.test('a document nested deeper than any real one is left out, not choked on', async (t) => {
  const deep = '{"openapi":"3.0.3","paths":{"/wx/sms/get":{"get":{"responses":{"200":' +
    '['.repeat(100_000) + ']'.repeat(100_000) + '}}}}}'
  const { gateway } = await build(t, {}, { ...documents, sms: { body: deep } })
  const document = await openapi(gateway)
  t.same(document['x-unavailable'], ['sms'])
  t.ok(document.paths['/users/token'])
})

t.test('a service that does not answer in time is left out', async (t) => {
  const late = { body: { openapi: '3.0.3', info: { title: 'media', version: '1' }, paths: {} }, delayMs: 2_500 }
  const { gateway } = await build(t, {}, { ...documents, media: late })
  const started = Date.now()
  const document = await openapi(gateway)
  t.ok(Date.now() - started < 2_400, 'the document does not wait for it')
  t.same(document['x-unavailable'], ['media'])
  t.ok(document.paths['/wx/sms/get'])
})

t.test('a burst of requests asks each service once', async (t) => {
  const { gateway, origins } = await build(t, {}, documents)
  await Promise.all(Array.from({ length: 5 }, () => gateway.inject({ method: 'GET', url: '/openapi.json' })))
  await gateway.inject({ method: 'GET', url: '/docs/json' })
  await gateway.inject({ method: 'GET', url: '/openapi.json' })
  for (const origin of Object.values(origins)) t.equal(origin.documentRequests, 1, origin.name)
})

t.test('development paths are not documented when development routes are off', async (t) => {
  const { gateway } = await build(t, { devRoutes: false }, documents)
  const document = await openapi(gateway)
  t.notOk(document.paths['/dev/sms/outbox'])
  t.ok(document.paths['/wx/sms/get'])
})

t.test('/docs answers Swagger UI on the merged document, and its assets load', async (t) => {
  const { gateway } = await build(t, {}, documents)
  const page = await gateway.inject({ method: 'GET', url: '/docs' })
  t.equal(page.statusCode, 200)
  t.match(page.headers['content-type'], /^text\/html/)
  t.match(page.body, /<div id="swagger-ui">/)
  t.match(page.body, /<title>Driver platform API<\/title>/)

  const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map(([, url]) => url ?? '')
  t.ok(assets.length >= 5, `the page names its assets (${assets.join(', ')})`)
  for (const url of assets) {
    const asset = await gateway.inject({ method: 'GET', url })
    t.equal(asset.statusCode, 200, url)
    t.ok(asset.rawPayload.length > 0, `${url} is not empty`)
  }

  const json = await gateway.inject({ method: 'GET', url: '/docs/json' })
  t.equal(json.statusCode, 200)
  t.same(json.json(), await openapi(gateway), 'the page loads the merged document')
  const yaml = await gateway.inject({ method: 'GET', url: '/docs/yaml' })
  t.match(yaml.body, /\/wx\/sms\/get:/)
})

t.test('the documentation routes are rate limited like any other', async (t) => {
  const { gateway } = await build(t, { rateLimit: { max: 2, windowMs: 60_000 } }, documents)
  t.equal((await gateway.inject({ method: 'GET', url: '/openapi.json', remoteAddress: '10.0.0.9' })).statusCode, 200)
  t.equal((await gateway.inject({ method: 'GET', url: '/docs', remoteAddress: '10.0.0.9' })).statusCode, 200)
  t.equal((await gateway.inject({ method: 'GET', url: '/openapi.json', remoteAddress: '10.0.0.9' })).statusCode, 429)
  const asset = await gateway.inject({ method: 'GET', url: '/docs/static/swagger-ui.css', remoteAddress: '10.0.0.9' })
  t.equal(asset.statusCode, 429)
})

t.test('with DOCS=off neither the document nor Swagger UI is served', async (t) => {
  const { gateway } = await build(t, { docs: false }, documents)
  for (const url of ['/openapi.json', '/docs', '/docs/json', '/docs/static/swagger-ui.css']) {
    t.equal((await gateway.inject({ method: 'GET', url })).statusCode, 404, url)
  }
})

t.test('DOCS is on by default, off when set so, and nothing else', async (t) => {
  const given = {
    upstreams: { identity: 'http://a', resumes: 'http://b', media: 'http://c', sms: 'http://d' },
    sessionPublicKey: 'key',
    assertionSecret: 'x'.repeat(32)
  }
  t.equal(gatewayOptions(loadGatewayConfig({}), given).docs, true)
  t.equal(gatewayOptions(loadGatewayConfig({ DOCS: 'off' }), given).docs, false)
  t.equal(gatewayOptions(loadGatewayConfig({ DOCS: 'on' }), given).docs, true)
  let refused: unknown
  try {
    loadGatewayConfig({ DOCS: 'no' })
  } catch (error) {
    refused = error
  }
  t.ok(refused instanceof ConfigError, 'any other value stops the gateway')
  t.same((refused as ConfigError).variables, ['DOCS'])
})
