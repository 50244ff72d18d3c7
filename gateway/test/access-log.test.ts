import { spawn } from 'node:child_process'
import { once } from 'node:events'
import t from 'tap'
import { USER_ID, build } from './helper.js'

interface Line {
  level: number
  service: string
  msg: string
  reqId?: string
  method?: string
  url?: string
  status?: number
  ms?: number
  ip?: string
}

type Tap = { teardown: (fn: () => unknown) => void }

async function loggingGateway (t: Tap) {
  const written: string[] = []
  const built = await build(t, { logLevel: 'info', logStream: { write: (line) => { written.push(line) } } })
  await built.gateway.ready()
  written.length = 0
  return { ...built, written, lines: () => written.map((line) => JSON.parse(line) as Line) }
}

t.test('at info each request writes one access line, whatever its outcome', async (t) => {
  const { gateway, sign, lines } = await loggingGateway(t)
  const session = sign({ sub: USER_ID })
  const requests = [
    { method: 'GET' as const, url: '/users/1', status: 200 },
    { method: 'GET' as const, url: '/wx/self_info/view', headers: { cookie: `wx_session=${session}` }, status: 200 },
    { method: 'GET' as const, url: '/wx/self_info/view', status: 401 },
    {
      method: 'POST' as const,
      url: '/users/register',
      headers: { 'content-type': 'text/plain' },
      payload: 'x'.repeat(70 * 1024),
      status: 413
    },
    { method: 'GET' as const, url: '/wx/nothing-here', status: 404 }
  ]
  for (const { status, ...request } of requests) {
    const before = lines().length
    const response = await gateway.inject({ ...request, remoteAddress: '10.3.3.3' })
    t.equal(response.statusCode, status, `${request.method} ${request.url}`)
    const written = lines().slice(before)
    t.equal(written.length, 1, `one line for ${request.url} (${status})`)
    t.match(written[0], {
      level: 30,
      service: 'gateway',
      msg: 'request',
      method: request.method,
      url: request.url,
      status,
      ip: '10.3.3.3',
      reqId: response.headers['x-request-id']
    })
    t.type(written[0]?.ms, 'number')
  }
})

t.test('access lines carry no session, token or code', async (t) => {
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

t.test('access lines mask secrets and phones by value, under names no list has', async (t) => {
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

t.test('health checks write no access line; warnings still name the request', async (t) => {
  const { gateway, lines } = await loggingGateway(t)
  await gateway.inject({ method: 'GET', url: '/healthz' })
  t.same(lines(), [])
  const refused = await gateway.inject({ method: 'POST', url: '/users/token', remoteAddress: '192.0.2.1' })
  t.equal(refused.statusCode, 403)
  const warning = lines().find((line) => line.level === 40)
  t.equal(warning?.reqId, refused.headers['x-request-id'], 'the allow-list\'s warning')
})

t.test('the server process writes its access lines to standard output, the last ones when it stops', async (t) => {
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
  t.match(access[0], { method: 'GET', url: '/users/1?code=%5BRedacted%5D', status: 200 })
})
