import t from 'tap'
import { Type } from 'typebox'
import { createApp, wxEnvelope, type App } from '../src/index.js'
import { convertFormValues } from '../src/form-values.js'

const ResumeLike = Type.Object({
  real_name: Type.Optional(Type.String({ maxLength: 20 })),
  married: Type.Optional(Type.Integer()),
  want_job: Type.Optional(Type.Boolean()),
  vehicle_load: Type.Optional(Type.Number()),
  expected_salary: Type.Optional(Type.Array(Type.Integer())),
  routes: Type.Optional(Type.Array(Type.Array(Type.String())))
})

/** A `/wx` route that echoes what validation let through, from a form, a query string or JSON. */
function echoApp (t: { teardown: (fn: () => unknown) => void }): App {
  const app = createApp({ service: 'test', logLevel: 'silent', forms: true })
  app.register(async (scope) => {
    await scope.register(wxEnvelope)
    scope.post('/echo', { schema: { body: ResumeLike } },
      async (request) => ({ message: 'success', data: request.body }))
    scope.get('/echo', { schema: { querystring: ResumeLike } },
      async (request) => ({ message: 'success', data: request.query }))
  }, { prefix: '/wx' })
  t.teardown(() => app.close())
  return app
}

const form = (app: App, payload: string) => app.inject({
  method: 'POST',
  url: '/wx/echo',
  headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
  payload
})
const answer = (response: { statusCode: number, body: string }) => ({
  status: response.statusCode, ...JSON.parse(response.body)
})

t.test('jQuery\'s arrays and arrays of arrays arrive as lists of the schema\'s types, ' +
  'from a form and a query string', async (t) => {
  const app = echoApp(t)
  const encoded = 'real_name=%E5%BC%A0+%E4%B8%89&married=1&want_job=true&vehicle_load=9.6' +
    '&expected_salary%5B%5D=5000&expected_salary%5B%5D=8000' +
    '&routes%5B0%5D%5B%5D=%E4%B8%8A%E6%B5%B7&routes%5B0%5D%5B%5D=%E6%9D%AD%E5%B7%9E' +
    '&routes%5B1%5D%5B%5D=%E5%8C%97%E4%BA%AC'
  const expected = {
    real_name: '张 三', married: 1, want_job: true, vehicle_load: 9.6, expected_salary: [5000, 8000],
    routes: [['上海', '杭州'], ['北京']]
  }
  t.same(answer(await form(app, encoded)), { status: 200, message: 'success', data: expected })
  t.same(answer(await app.inject({ method: 'GET', url: `/wx/echo?${encoded}` })), {
    status: 200, message: 'success', data: expected
  })
  t.same(JSON.parse((await form(app, 'expected_salary[]=5000&expected_salary[]=8000')).body).data, {
    expected_salary: [5000, 8000]
  }, 'unencoded brackets too')
})

t.test('a list sent once is a list of one; blank numbers, booleans and lists are as if not sent', async (t) => {
  const app = echoApp(t)
  t.same(JSON.parse((await form(app, 'expected_salary=5000')).body).data, { expected_salary: [5000] })
  t.same(JSON.parse((await form(app, 'routes[]=上海')).body).data, { routes: [['上海']] },
    'jQuery\'s one route of one city')
  t.same(JSON.parse((await form(app, 'married=&want_job=&vehicle_load=&expected_salary=&real_name=')).body).data, {
    real_name: ''
  })
  t.same(JSON.parse((await form(app, 'expected_salary[]=&expected_salary[]=6000')).body).data, {
    expected_salary: [6000]
  })
})

t.test('operator objects and wrong types are refused with the field\'s name', async (t) => {
  const app = echoApp(t)
  const cases: Array<[string, string]> = [
    ['real_name[$ne]=x', 'real_name'],
    ['married[$gt]=0', 'married'],
    ['married=yes', 'married'],
    ['want_job=maybe', 'want_job'],
    ['expected_salary[]=5k', 'expected_salary.0'],
    ['expected_salary[a]=1', 'expected_salary'],
    ['real_name[]=a&real_name[]=b', 'real_name'],
    ['routes[0][a]=上海', 'routes.0']
  ]
  for (const [payload, field] of cases) {
    const refused = answer(await form(app, payload))
    t.same(refused, { status: 200, message: `参数错误: ${field}`, code: 'KIT_VALIDATION' }, payload)
    t.same(answer(await app.inject({ method: 'GET', url: `/wx/echo?${encodeURI(payload)}` })).code, 'KIT_VALIDATION',
      `${payload} in a query string`)
  }
  const json = await app.inject({ method: 'POST', url: '/wx/echo', payload: { married: '1' } })
  t.same(JSON.parse(json.body).code, 'KIT_VALIDATION', 'JSON bodies keep their own types: "1" is no int there')
})

t.test('beyond the parser\'s limits a form or query string is refused, never a 5xx', async (t) => {
  const app = echoApp(t)
  const tooDeep = 'routes[0][0][0]=x'
  const tooLong = Array.from({ length: 101 }, () => 'expected_salary[]=1').join('&')
  const farIndex = 'expected_salary[500]=1'
  const tooMany = Array.from({ length: 1001 }, (_, i) => `f${i}=1`).join('&')
  for (const payload of [tooDeep, tooLong, farIndex, tooMany]) {
    const tooComplex = { status: 200, message: '参数过多或层次过深', code: 'KIT_FORM_TOO_COMPLEX' }
    t.same(answer(await form(app, payload)), tooComplex, payload.slice(0, 30))
    t.same(answer(await app.inject({ method: 'GET', url: `/wx/echo?${payload}` })), tooComplex,
      `query ${payload.slice(0, 30)}`)
  }
  const outside = await app.inject({ method: 'GET', url: '/readyz?a[b][c][d]=1' })
  t.same({ status: outside.statusCode, code: outside.json().code }, { status: 400, code: 'KIT_FORM_TOO_COMPLEX' },
    'outside /wx too, in that envelope')
})

t.test('prototype keys are dropped', async (t) => {
  const app = echoApp(t)
  const response = await form(app, '__proto__[married]=1&constructor[prototype][married]=1&real_name=a')
  t.same(JSON.parse(response.body).data, { real_name: 'a' })
  t.equal(({} as Record<string, unknown>).married, undefined)
})

t.test('convertFormValues leaves what is not a form string alone', async (t) => {
  t.same(convertFormValues(ResumeLike, { married: 1, want_job: false }), { married: 1, want_job: false })
  t.equal(convertFormValues(undefined, 'x'), 'x')
  t.same(convertFormValues(Type.Array(Type.Integer()), ['1', 2]), [1, 2])
})
