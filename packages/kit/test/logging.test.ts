import { hostname } from 'node:os'
import t from 'tap'
import { createApp, maskIdNumber, maskPhone, maskText, redactUrl } from '../src/index.js'

t.test('logs never carry secrets from headers, bodies or query strings', async (t) => {
  const lines: string[] = []
  const app = createApp({ service: 'test', logLevel: 'info', logStream: { write: (line) => { lines.push(line) } } })
  app.post('/wx/sms/check', async (request) => {
    request.log.info({ body: request.body, password: 'pw-123456', token: 'tok-abcdef' }, 'handled')
    return { message: 'success' }
  })
  t.teardown(() => app.close())
  await app.inject({
    method: 'POST',
    url: '/wx/sms/check?phone=13812345678&code=987654&token=tok-query',
    headers: { authorization: 'Bearer secret-jwt', cookie: 'wx_session=secret-cookie' },
    payload: { password: 'body-password', captcha: '112233' }
  })
  const log = lines.join('')
  t.match(log, 'handled', 'the line was written')
  const secrets = [
    '987654', 'tok-query', 'secret-jwt', 'secret-cookie', 'pw-123456', 'tok-abcdef', 'body-password', '112233'
  ]
  for (const secret of secrets) {
    t.notMatch(log, secret, `${secret} is not in the log`)
  }
  t.ok(log.includes('/wx/sms/check?phone=138****5678&code=%5BRedacted%5D'), 'the url keeps its shape')
  t.notMatch(log, '13812345678', 'the phone is masked')
})

t.test('urls, phones and ID numbers are masked for logs', async (t) => {
  t.equal(redactUrl('/wx/auth/callback?code=abc&state=x'), '/wx/auth/callback?code=%5BRedacted%5D&state=%5BRedacted%5D')
  t.equal(redactUrl('/wx/resume/opt?id_num=440306198506150018&real_name=x'),
    '/wx/resume/opt?id_num=4403************18&real_name=x', 'an ID number')
  t.equal(redactUrl('/users/drivers?idcard_number=11010519491231002X'),
    '/users/drivers?idcard_number=1101************2X')
  t.equal(redactUrl('/wx/sms/get?phone[]=13812345678&password[0][]=pw'),
    '/wx/sms/get?phone%5B%5D=138****5678&password%5B0%5D%5B%5D=%5BRedacted%5D', 'jQuery-spelled names')
  t.equal(redactUrl('/users/1'), '/users/1')
  t.equal(redactUrl('/wx/self_info/view?wx_session=eyJhbGciOi.x.y'), '/wx/self_info/view?wx_session=%5BRedacted%5D',
    'a session in the query')
  const long = redactUrl(`/wx/sms/get?phone=13812345678&pad=${'a'.repeat(8000)}`)
  t.ok(long.length <= 513, 'an 8 KB URL is cut')
  t.match(long, /^\/wx\/sms\/get\?phone=138\*\*\*\*5678&pad=a+…$/, 'after redaction')
  t.equal(maskPhone('13812345678'), '138****5678')
  t.equal(maskIdNumber('11010519491231002X'), '1101************2X')
})

t.test('secrets under names no list has and phones anywhere are masked by value', async (t) => {
  const lines: string[] = []
  const app = createApp({ service: 'test', logLevel: 'info', logStream: { write: (line) => { lines.push(line) } } })
  app.get<{ Params: { id: string } }>('/orders/:id', async (request) => {
    request.log.info(`called back by 13912345678 from ${request.url}`)
    request.log.info({ note: 'ring +8613912345677 or 008613912345676', id: '440306198506150018' }, 'contact')
    request.log.warn('not phones: %s %s %s', '12345678901', '1765000000000', '139123456789')
    throw new Error(`upstream refused /x?my_passwd=${request.params.id}&phone2=13912345675`)
  })
  t.teardown(() => app.close())
  const url = '/orders/pw-zero?my_passwd=pw-one&passwd=pw-two&pwd=pw-three&x_sign=sig-four&' +
    'api_key=key-five&foo=13912345678&contacts_num=13912345679&keep=yes'
  const answer = await app.inject({ method: 'GET', url })
  t.equal(answer.statusCode, 500)
  const log = lines.join('')
  for (const secret of ['pw-one', 'pw-two', 'pw-three', 'sig-four', 'key-five']) {
    t.notMatch(log, secret, `${secret} is not in the log`)
  }
  t.notMatch(log, /1391234567\d(?!\d)/, 'no phone whole: the URL, the message, the object, the error')
  t.match(log, 'foo=139****5678', 'a phone under any name keeps its ends')
  t.match(log, 'called back by 139****5678', 'a phone in a message')
  t.match(log, 'ring +86139****5677 or 0086139****5676', 'with a country code')
  t.match(log, 'x?my_passwd=[Redacted]&phone2=139****5675', "an error's message")
  t.match(log, 'keep=yes', 'a harmless parameter stays')
  t.match(log, 'not phones: 12345678901 1765000000000 139123456789', 'numbers that are not phones stay')
  t.match(log, '440306198506150018', 'an 18-digit number is no phone')

  app.log.error({ err: 'a text, not an error' }, 'odd')
  app.log.error({ err: { reason: 'an object, not an error' } }, 'odd')
  t.match(lines.join(''), /a text, not an error.*an object, not an error/s, 'what is not an error is written as given')
})

t.test('a URL without anything to mask is logged as it came', async (t) => {
  for (const url of ['/wx/resume/view', '/users?page_no=2&page_size=20&role=1', '/wx/a%20b?x=%7E']) {
    t.equal(redactUrl(url), url)
  }
  t.equal(redactUrl('/users/13912345678'), '/users/139****5678')
  t.equal(redactUrl('/users/%3139%312345678'), '/users/139****5678', 'a phone spelled with escapes')
  t.equal(maskText('a=1&my_token=abc def'), 'a=1&my_token=[Redacted] def')
})

t.test('a line names its service once, and a number under `session` is kept', async (t) => {
  const lines: string[] = []
  const app = createApp({ service: 'sms', logLevel: 'info', logStream: { write: (line) => { lines.push(line) } } })
  t.teardown(() => app.close())
  app.log.info({ service: 'sms', dir: '/data/sms' }, 'embedded store opened')
  app.log.info({ service: 'identity' }, 'about another service')
  app.log.info({ session: 3, wx_session: 'eyJhbGciOi.secret.jwt' }, 'bus: connected')
  const [opened, other, connected] = lines
  t.equal(opened?.match(/"service"/g)?.length, 1, 'the service key is written once')
  t.match(JSON.parse(opened ?? '{}'), { service: 'sms', dir: '/data/sms' })
  t.match(other, '"service":"identity"', 'another service named in the object stays')
  t.match(JSON.parse(connected ?? '{}'), { session: 3, wx_session: '[Redacted]' })
})

t.test('every line names its service, host and process, and its level as text', async (t) => {
  const lines: string[] = []
  const app = createApp({ service: 'sms', logLevel: 'debug', logStream: { write: (line) => { lines.push(line) } } })
  t.teardown(() => app.close())
  app.log.debug('looking')
  app.log.info('started')
  app.log.warn('slow')
  app.log.error('broken')
  const written = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
  t.same(written.map((line) => line.level), ['debug', 'info', 'warn', 'error'])
  t.ok(written.every((line) => line.service === 'sms' && line.hostname === hostname() && line.pid === process.pid))
})
