import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { hostname } from 'node:os'
import t from 'tap'
import { USER_ID, build } from './helper.js'

interface Line {
  level: string
  time: number
  service: string
  hostname: string
  pid: number
  msg: string
  reqId?: string
  method?: string
  route?: string
  url?: string
  status?: number
  ms?: number
  caller?: string
  clientIp?: string
  upstream?: string
  code?: string
}

type Tap = { teardown: (fn: () => unknown) => void }

async function loggingGateway (t: Tap, logLevel = 'info') {
  const written: string[] = []
  const built = await build(t, { logLevel, logStream: { write: (line) => { written.push(line) } } })
  await built.gateway.ready()
  written.length = 0
  return { ...built, written, lines: () => written.map((line) => JSON.parse(line) as Line) }
}

/** What every request line has, and nothing else but `caller`, `upstream` and `code` when they apply. */
const REQUEST_LINE_FIELDS = [
  'level', 'time', 'service', 'hostname', 'pid', 'reqId', 'method', 'route', 'url', 'status', 'ms', 'clientIp', 'msg'
]

t.test('at info each request writes one request line, whatever its outcome', async (t) => {
  const { gateway, sign, lines } = await loggingGateway(t)
  const session = sign({ sub: USER_ID })
  const requests = [
    { method: 'GET' as const, url: '/users/1', status: 200, route: '/users/*', upstream: 'identity' },
    {
      method: 'GET' as const,
      url: '/wx/self_info/view',
      headers: { cookie: `wx_session=${session}` },
      status: 200,
      route: '/wx/self_info/view',
      upstream: 'resumes',
      caller: USER_ID
    },
    {
      method: 'GET' as const,
      url: '/wx/self_info/view',
      status: 401,
      route: '/wx/self_info/view',
      upstream: 'resumes',
      code: 'KIT_UNAUTHORIZED'
    },
    {
      method: 'POST' as const,
      url: '/users/register',
      headers: { 'content-type': 'text/plain' },
      payload: 'x'.repeat(70 * 1024),
      status: 413,
      route: '/users/*',
      upstream: 'identity',
      code: 'KIT_PAYLOAD_TOO_LARGE'
    },
    { method: 'GET' as const, url: '/wx/nothing-here', status: 404, code: 'KIT_NOT_FOUND' }
  ]
  for (const { status, route, upstream, caller, code, ...request } of requests) {
    const before = lines().length
    const response = await gateway.inject({ ...request, remoteAddress: '10.3.3.3' })
    t.equal(response.statusCode, status, `${request.method} ${request.url}`)
    const written = lines().slice(before)
    t.equal(written.length, 1, `one line for ${request.url} (${status})`)
    const line = written[0]
    t.same(Object.keys(line ?? {}).sort(), [
      ...REQUEST_LINE_FIELDS.filter((field) => route !== undefined || field !== 'route'),
      ...caller === undefined ? [] : ['caller'],
      ...upstream === undefined ? [] : ['upstream'],
      ...code === undefined ? [] : ['code']
    ].sort(), 'those fields and no others')
    t.match(line, {
      level: 'info',
      service: 'gateway',
      hostname: hostname(),
      pid: process.pid,
      msg: 'request',
      method: request.method,
      url: request.url,
      status,
      clientIp: '10.3.3.3',
      reqId: response.headers['x-request-id']
    })
    t.equal(line?.route, route, 'the route\'s template, not the URL')
    t.equal(line?.upstream, upstream, 'the service it went to')
    t.equal(line?.caller, caller, 'the session\'s user, when there is one')
    t.equal(line?.code, code, 'the failure\'s code, on a failure')
    t.type(line?.ms, 'number')
  }
})

t.test('a request line names the route template, not the path asked for', async (t) => {
  const { gateway, lines } = await loggingGateway(t)
  await gateway.inject({ method: 'GET', url: '/users/42/detail?x=1' })
  t.equal(lines().length, 1)
  t.match(lines()[0], { route: '/users/*', url: '/users/42/detail?x=1', upstream: 'identity' })
})

t.test('static files write their request lines at debug: the H5 site and Swagger UI', async (t) => {
  const info = await loggingGateway(t)
  const debug = await loggingGateway(t, 'debug')
  const assets = ['/wx/html/index.html', '/wx/html/js/api.js', '/wx/html/', '/', '/docs', '/docs/static/swagger-ui.css']
  for (const { gateway } of [info, debug]) {
    for (const url of assets) t.ok((await gateway.inject({ method: 'GET', url })).statusCode < 400, url)
  }
  t.same(info.lines(), [], 'none at info')
  const atDebug = debug.lines().filter((line) => line.msg === 'request')
  t.same(atDebug.map((line) => line.url), assets, 'one each at debug')
  t.ok(atDebug.every((line) => line.level === 'debug' && line.status !== undefined && line.route !== undefined))

  // What the Swagger page loads beside its files is written at info: the document.
  await info.gateway.inject({ method: 'GET', url: '/docs/json' })
  const documentLines = info.lines().filter((line) => line.msg === 'request')
  t.equal(documentLines.length, 1)
  t.match(documentLines[0], { level: 'info', route: '/docs/json', status: 200 })
})

t.test('request lines carry no session, token or code', async (t) => {
  const { gateway, sign, written } = await loggingGateway(t)
  const session = sign({ sub: USER_ID })
  await gateway.inject({
    method: 'GET',
    url: '/wx/sms/check?phone=13812345678&code=654321',
    headers: { authorization: `Bearer ${session}` }
  })
  await gateway.inject({
    method: 'GET',
    url: `/users/1?token=secret-token&wx_session=${session}`,
    headers: { cookie: `wx_session=${session}` }
  })
  const all = written.join('')
  t.ok(written.length >= 2)
  for (const secret of [session, '654321', 'secret-token', '13812345678']) {
    t.notOk(all.includes(secret), `${secret.slice(0, 12)}… is not logged`)
  }
  t.match(all, /138\*\*\*\*5678/, 'the phone is masked, not dropped')
})

t.test('request lines mask secrets and phones by value, under names no list has', async (t) => {
  const { gateway, lines } = await loggingGateway(t)
  const urls = [
    '/users/1?my_passwd=pw-one&pwd=pw-two&x_sign=sig-three&appKey=key-four&foo=13912345678&contacts_num=13912345679',
    '/users/13912345670/detail?q=%2B8613912345671&new%5Fpasswd=pw-five'
  ]
  for (const url of urls) await gateway.inject({ method: 'GET', url })
  const logged = lines().map((line) => line.url ?? '')
  t.equal(logged.length, 2, 'one line each')
  const all = logged.join(' ')
  for (const secret of ['pw-one', 'pw-two', 'sig-three', 'key-four', 'pw-five']) {
    t.notOk(all.includes(secret), `${secret} is not logged`)
  }
  t.notMatch(all, /1391234567\d/, 'no phone whole')
  t.match(logged[0], /foo=139\*\*\*\*5678&contacts_num=139\*\*\*\*5679/, 'phones keep their ends')
  t.match(logged[1], /^\/users\/139\*\*\*\*5670\/detail\?/, 'a phone in the path')
})

t.test('health checks write no request line; warnings still name the request', async (t) => {
  const { gateway, lines } = await loggingGateway(t)
  await gateway.inject({ method: 'GET', url: '/healthz' })
  t.same(lines(), [])
  const refused = await gateway.inject({ method: 'POST', url: '/users/token', remoteAddress: '192.0.2.1' })
  t.equal(refused.statusCode, 403)
  const warning = lines().find((line) => line.level === 'warn')
  t.equal(warning?.reqId, refused.headers['x-request-id'], 'the allow-list\'s warning')
  t.match(lines().find((line) => line.msg === 'request'), { reqId: refused.headers['x-request-id'], status: 403 })
})

t.test('the server process writes its request lines to standard output, the last ones when it stops', async (t) => {
  const { origins, publicKey } = await build(t)
  const serverScript = new URL('../src/server.ts', import.meta.url).pathname
  const server = spawn(process.execPath, ['--import', 'tsx', '--conditions=driver-source', serverScript], {
    env: {
      ...process.env,
      NODE_ENV: 'production', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0', SESSION_PUBLIC_KEY: publicKey,
      GATEWAY_ASSERTION_SECRET: 'access-log-test-secret-0123456789abcdef',
      IDENTITY_URL: origins.identity.url,
      RESUMES_URL: origins.resumes.url,
      MEDIA_URL: origins.media.url,
      SMS_URL: origins.sms.url
    },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  t.teardown(() => server.kill('SIGKILL'))
  let output = ''
  server.stdout.setEncoding('utf8')
  server.stdout.on('data', (chunk: string) => { output += chunk })
  const listening = async (): Promise<string> => {
    for (;;) {
      const url = /"msg":"Server listening at (http:\/\/[\d.:]+)"/.exec(output)?.[1]
      if (url) return url
      await once(server.stdout, 'data')
    }
  }
  const url = await listening()
  t.equal((await fetch(`${url}/users/1?code=123456`)).status, 200)
  server.kill('SIGTERM')
  await once(server, 'exit')
  const access = output.split('\n')
    .filter((line) => line.includes('"msg":"request"'))
    .map((line) => JSON.parse(line) as Line)
  t.equal(access.length, 1, 'one line, written out before the process ended')
  t.match(access[0], {
    level: 'info',
    hostname: hostname(),
    pid: server.pid,
    method: 'GET',
    route: '/users/*',
    url: '/users/1?code=%5BRedacted%5D',
    status: 200
  })
})
