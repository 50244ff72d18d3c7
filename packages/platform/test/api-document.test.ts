import t from 'tap'
import { ImageContentType } from '@driver/contracts'
import { createSessionSigner } from '@driver/kit/session'
import { SIM_JPEG } from '@driver/simulators/wechat'
import { build } from './helper.js'

interface MediaType { schema?: Record<string, unknown>, example?: unknown, examples?: Record<string, unknown> }
interface Operation {
  operationId?: string
  tags?: string[]
  security?: Array<Record<string, string[]>>
  parameters?: Array<{ in: string, name: string, example?: unknown }>
  requestBody?: { content: Record<string, MediaType> }
  responses: Record<string, { headers?: Record<string, unknown>, content?: Record<string, MediaType> }>
}
interface Document {
  servers: Array<{ url: string }>
  tags: Array<{ name: string }>
  paths: Record<string, Record<string, Operation>>
  components: { securitySchemes: Record<string, Record<string, string>> }
}
interface Listed { method: string, path: string, operation: Operation }

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch'])
const SERVICES = ['identity', 'resumes', 'media', 'sms']
const DRIVER = '64b7f0c2a1b2c3d4e5f6071e'

const operationsOf = (document: Document): Listed[] => Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).filter(([method]) => METHODS.has(method))
    .map(([method, operation]) => ({ method, path, operation })))
const nameOf = ({ method, path }: Listed): string => `${method.toUpperCase()} ${path}`
const schemesOf = (operation: Operation): string[] => (operation.security ?? []).flatMap(Object.keys)
const hasExample = (media: MediaType | undefined): boolean =>
  media?.example !== undefined || media?.examples !== undefined
const exampled = ({ parameters = [], requestBody, responses }: Operation): boolean =>
  parameters.some((parameter) => parameter.example !== undefined) ||
  Object.values(requestBody?.content ?? {}).some(hasExample) ||
  Object.values(responses).some((response) => Object.values(response.content ?? {}).some(hasExample))
/** The path with each path parameter's example in its place. */
const examplePath = ({ path, operation }: Listed): string => path.replace(/\{([^}]+)\}/g, (_whole, name: string) =>
  String(operation.parameters?.find((parameter) => parameter.in === 'path' && parameter.name === name)?.example))

const { base, keys, activated } = await build(t)
const document = await (await fetch(`${base}/openapi.json`)).json() as Document
const operations = operationsOf(document)
const sign = await createSessionSigner(keys.privateKey)
const session = `wx_session=${sign({ sub: DRIVER })}`
/** What a client without a credential gets: a status, never a redirect followed. */
const statusWithout = async (listed: Listed): Promise<number> => {
  const response = await fetch(`${base}${examplePath(listed)}`, {
    method: listed.method.toUpperCase(), redirect: 'manual'
  })
  await response.arrayBuffer()
  return response.status
}

t.test('every operation has an id, its service\'s tag and an example; the document names its server', async (t) => {
  t.ok(operations.length >= 59, `${operations.length} operations`)
  t.match(document.servers, [{ url: '/' }], 'Swagger UI calls the gateway that served the document')
  t.same(document.tags.map((tag) => tag.name), SERVICES, 'one tag per service')
  const ids = operations.map(({ operation }) => operation.operationId)
  t.same(operations.filter(({ operation }) => typeof operation.operationId !== 'string').map(nameOf), [], 'ids')
  t.equal(new Set(ids).size, ids.length, 'every id once')
  const untagged = operations.filter(({ operation }) =>
    operation.tags?.length !== 1 || !SERVICES.includes(operation.tags[0] ?? ''))
  t.same(untagged.map(nameOf), [], 'one service tag each')
  t.same(operations.filter(({ operation }) => !exampled(operation)).map(nameOf), [], 'an example each')
})

t.test('the routes documented with the /users token are the ones that answer 401 without it', async (t) => {
  t.match(document.components.securitySchemes, {
    usersBearer: { type: 'http', scheme: 'bearer' },
    usersTokenHeader: { type: 'apiKey', in: 'header', name: 'token' },
    usersTokenQuery: { type: 'apiKey', in: 'query', name: 'token' }
  })
  const users = operations.filter(({ path }) => path.startsWith('/users'))
  const secured = users.filter(({ operation }) => schemesOf(operation).includes('usersBearer'))
  t.ok(secured.length >= 14, `${secured.length} of ${users.length} /users operations take a token`)
  for (const listed of secured) {
    t.same(schemesOf(listed.operation), ['usersBearer', 'usersTokenHeader', 'usersTokenQuery'], nameOf(listed))
    t.ok(listed.operation.responses['401'] && listed.operation.responses['403'], `${nameOf(listed)}: its refusals`)
  }
  const answering401 = []
  for (const listed of users) if (await statusWithout(listed) === 401) answering401.push(nameOf(listed))
  t.same(answering401, secured.map(nameOf), 'no more, no fewer')

  const { token, id } = await activated('13812345678', 'Driver-2024')
  const statusWith = async (url: string, headers: Record<string, string> = {}): Promise<number> => {
    const response = await fetch(`${base}${url}`, { headers })
    await response.arrayBuffer()
    return response.status
  }
  t.equal(await statusWith(`/users/${id}`, { authorization: `Bearer ${token}` }), 200, 'as a Bearer token')
  t.equal(await statusWith(`/users/${id}`, { token }), 200, 'in a token header')
  t.equal(await statusWith(`/users/${id}?token=${encodeURIComponent(token)}`), 200, 'as ?token=')
})

t.test('the /wx routes documented with a session are the ones that answer 401 without it', async (t) => {
  const wx = operations.filter(({ path }) => path.startsWith('/wx'))
  const secured = wx.filter(({ operation }) => schemesOf(operation).includes('wxSessionCookie'))
  t.match(document.components.securitySchemes.wxSessionCookie, { type: 'apiKey', in: 'cookie', name: 'wx_session' })
  for (const listed of secured) {
    t.same(schemesOf(listed.operation), ['wxSessionCookie', 'wxSessionBearer'], nameOf(listed))
  }
  const answering401 = []
  for (const listed of wx) if (await statusWithout(listed) === 401) answering401.push(nameOf(listed))
  t.same(answering401, secured.map(nameOf))
})

t.test('a /wx answer is a success or a refusal, as text unless JSON is asked for', async (t) => {
  const sms = document.paths['/wx/sms/get']?.get?.responses['200']
  t.same(Object.keys(sms?.content ?? {}), ['text/plain', 'application/json'])
  t.match(sms?.content?.['text/plain'], {
    schema: { anyOf: [{ properties: { message: { enum: ['success'] } } }, { required: ['message', 'code'] }] },
    examples: { success: { value: { message: 'success' } }, refusal: { value: { code: 'SMS_RESEND_TOO_SOON' } } }
  })
  const refused = await fetch(`${base}/wx/sms/get`, { headers: { cookie: session } })
  t.equal(refused.status, 200)
  t.match(refused.headers.get('content-type'), /^text\/plain/)
  t.match(JSON.parse(await refused.text()), { message: String, code: 'KIT_VALIDATION' })
  const json = await fetch(`${base}/wx/sms/get`, { headers: { cookie: session, accept: 'application/json' } })
  t.match(json.headers.get('content-type'), /^application\/json/)
  await json.arrayBuffer()
})

t.test('WeChat login and its callback are documented as the 302s they answer', async (t) => {
  for (const path of ['/wx/auth/login', '/wx/auth/callback']) {
    t.ok(document.paths[path]?.get?.responses['302']?.headers?.Location, `${path}: 302 with Location`)
  }
  const login = await fetch(`${base}/wx/auth/login?redirect=/docs`, { redirect: 'manual' })
  t.equal(login.status, 302)
  t.ok(login.headers.get('location'))
})

t.test('the photo upload is a multipart form with a binary file, which uploads; the image is served in its type',
  async (t) => {
    const uploads = operations.filter(({ path }) => path.startsWith('/wx/resume_image/save/'))
    t.equal(uploads.length, 7)
    for (const { path, operation } of uploads) {
      t.match(operation.requestBody?.content['multipart/form-data']?.schema, {
        required: ['file'], properties: { file: { type: 'string', format: 'binary' } }
      }, path)
    }
    const image = document.paths['/wx/images/{id}']?.get?.responses['200']?.content ?? {}
    const types = ImageContentType.anyOf.map((type) => type.const)
    t.same(Object.keys(image), types)
    for (const type of types) t.same(image[type]?.schema, { type: 'string', format: 'binary' }, type)

    // As Swagger UI sends the form.
    const form = new FormData()
    form.append('file', new Blob([SIM_JPEG], { type: 'image/jpeg' }), 'head.jpg')
    const upload = await fetch(`${base}/wx/resume_image/save/head_image`, {
      method: 'POST', body: form, headers: { cookie: session, accept: 'application/json' }
    })
    const saved = await upload.json() as { message: string, url: string, id: string }
    t.match(saved, { message: 'success', url: /^\/wx\/images\//, id: /^[0-9a-f]{24}$/ })
    const served = await fetch(`${base}${saved.url}`, { headers: { cookie: session } })
    t.ok(types.includes(served.headers.get('content-type') as typeof types[number]), 'in a documented type')
    t.same(Buffer.from(await served.arrayBuffer()), SIM_JPEG)
  })

t.test('the document is the one the gateway serves to Swagger UI', async (t) => {
  const ui = await (await fetch(`${base}/docs/json`)).json() as Document
  t.same(ui, document)
})
