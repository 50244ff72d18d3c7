import t from 'tap'
import { spawn } from 'node:child_process'
import { MAIN_ARGS, runMain, takenPort } from './helpers/main-process.js'

t.test('a busy port stops the all-in-one process with one readable block naming the port', async (t) => {
  const other = await takenPort()
  t.teardown(other.close)
  const { code, stderr } = await runMain({ PORT: String(other.port), DATA_DIR: t.testdir(), LOG_LEVEL: 'silent' })
  t.equal(code, 1)
  t.match(stderr, `PORT ${other.port} is already in use on 127.0.0.1`)
  t.notMatch(stderr, /\n\s+at /, 'no stack trace')
})

t.test('outside production the start ends with one banner: the site, the API document, the login, the SMS codes',
  async (t) => {
    const child = spawn(process.execPath, MAIN_ARGS, {
      env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', DATA_DIR: t.testdir(), LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'inherit']
    })
    t.teardown(() => { child.kill('SIGTERM') })
    let stdout = ''
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      stdout += chunk.toString()
      if (/SMS codes .*\n/.test(stdout)) break
    }
    const url = /The platform is running at (http:\/\/127\.0\.0\.1:\d+) /.exec(stdout)?.[1]
    if (url === undefined) throw new Error(`no banner in ${stdout}`)
    const links = [...stdout.matchAll(/ (http:\/\/\S+)/g)].map((match) => match[1]).slice(1)
    t.same(links, [
      `${url}/wx/html/`, `${url}/docs`, `${url}/wx/auth/login?redirect=/wx/html/`,
      `${url}/dev/sms/outbox?phone=13800138000`
    ])
    for (const link of [`${url}/wx/html/`, `${url}/docs`, `${url}/dev/sms/outbox?phone=13800138000`]) {
      t.equal((await fetch(link)).status, 200, link)
    }
    const login = await fetch(`${url}/wx/auth/login?redirect=/wx/html/`, { redirect: 'manual' })
    t.equal(login.status, 302, 'the login goes to the WeChat simulator')
  })
