import t from 'tap'
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import { createMefpCodec } from '@driver/contracts/mefp'
import { build, KEYS, type Answer, type Body } from './helper.js'

const ADMIN = '13900000001'
const DRIVER = '13900000002'
const SHIPPER = '13900000003'
const PASSWORD = 'gateway-password-1'
const UNAUTHORIZED = { status: 401, body: { result: 0, msg: '未登录或登录已过期', code: 'IDENTITY_UNAUTHORIZED' } }
const DISABLED = { status: 403, body: { result: 0, msg: '账号已停用', code: 'IDENTITY_USER_DISABLED' } }
const GATEWAY_FORBIDDEN = { status: 403, body: { result: 0, msg: '禁止访问', code: 'KIT_FORBIDDEN' } }

const codec = createMefpCodec({ secret: KEYS.MEFP_SECRET, iv: KEYS.APP_SECRET })

const idsOf = (answer: Answer): number[] =>
  ((answer.body.data ?? []) as Array<{ user_id: number }>).map((row) => row.user_id)

/** A request from a chosen loopback address (a peer the gateway may or may not trust as a proxy). */
async function fromAddress (
  base: string,
  localAddress: string,
  path: string,
  body: string,
  headers: Record<string,
  string> = {}
): Promise<Answer> {
  const url = new URL(path, base)
  return await new Promise((resolve, reject) => {
    const request = httpRequest({
      host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress,
      headers: { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body), ...headers }
    }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on(
        'end',
        () =>
          resolve(
            { status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Body }
          )
      )
      response.on('error', reject)
    })
    request.on('error', reject)
    request.end(body)
  })
}

// The token's own format (README "/users tokens"), to tamper with it as an attacker holding a token would.
const aesKey = Buffer.from(KEYS.MEFP_SECRET, 'utf8')
const aesIv = Buffer.from(KEYS.APP_SECRET, 'utf8')
const decryptBytes = (token: string): Buffer => {
  const decipher = createDecipheriv('aes-256-cbc', aesKey, aesIv)
  return Buffer.concat([decipher.update(Buffer.from(token, 'base64')), decipher.final()])
}
const encryptText = (text: string): string => {
  const cipher = createCipheriv('aes-256-cbc', aesKey, aesIv)
  return Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]).toString('base64')
}
const SIGNED = [
  'nonce', 'login_name', 'user_name', 'role', 'area', 'reg_time', 'checked', 'status', 'user_id', 'issued_time',
  'expired_time'
]

/** The token's fields changed and signed again with TOKEN_SECRET, as only the service could. */
function resigned (token: string, change: (fields: Body) => void): string {
  const { hmac: _old, ...fields } = JSON.parse(decryptBytes(token).toString('utf8')) as Body
  change(fields)
  const hmac = createHmac(
    'sha256',
    KEYS.TOKEN_SECRET
  ).update(JSON.stringify(SIGNED.map((name) => fields[name]))).digest('hex')
  return encryptText(JSON.stringify({ ...fields, hmac }))
}

/**
 * The seed token's weakness: with a fixed IV and no MAC, flipping bits of the block before `"role":0` makes it
 * `"role":9`.
 */
function roleFlipped (token: string): { token: string, at: number } {
  const at = decryptBytes(token).indexOf('"role":0') + '"role":'.length
  const bytes = Buffer.from(token, 'base64')
  bytes[at - 16] = (bytes[at - 16] ?? 0) ^ 0x30 ^ 0x39
  return { token: bytes.toString('base64'), at }
}

t.test('the user center through the gateway: accounts, tokens, scope, records, the MeFP token and a ' +
  'MeFP outage', async (t) => {
  const { base, platform, send } = await build(t, { env: { MEFP_ALLOWED_IPS: '127.0.0.1', IDENTITY_ADMINS: ADMIN } })
  const mefp = platform.mefpSimulator
  if (!mefp) throw new Error('the all-in-one mode runs the MeFP simulator')

  const codeFor = async (phone: string): Promise<string> => {
    t.same(
      await send('POST', '/users/captcha', { json: { login_name: phone, usage: 1 } }),
      { status: 200, body: { result: 1 } },
      `a code is sent to ${phone}`
    )
    const outbox = await (await fetch(`${base}/dev/sms/outbox?phone=${phone}`)).json() as {
      data: Array<{ purpose: string, code: string }>
    }
    t.match(outbox.data[0], { purpose: 'register', code: /^\d{6}$/ }, 'the code is in the dev outbox')
    return outbox.data[0]?.code ?? ''
  }
  const register = async (phone: string, userName: string, code?: string) => {
    const captcha = code ?? await codeFor(phone)
    t.same(
      await send(
        'POST',
        '/users/register',
        { json: { login_name: phone, password: PASSWORD, captcha, user_name: userName } }
      ),
      { status: 200, body: { result: 1 } },
      `${phone} registered`
    )
  }
  const login = async (phone: string, password = PASSWORD): Promise<{ token: string, id: number, data: Body }> => {
    const answer = await send('POST', '/users/login', { json: { login_name: phone, password } })
    t.equal(answer.status, 200, `${phone} logs in (${String(answer.body.code ?? 'ok')})`)
    const data = answer.body.data as Body
    return { token: String(data.token), id: Number(data.user_id), data }
  }

  // Three accounts; the third registers across a MeFP outage with the same code.
  await register(ADMIN, '管理员')
  await register(DRIVER, '张三')
  const shipperCode = await codeFor(SHIPPER)
  mefp.setMode('down')
  t.same(await send(
    'POST',
    '/users/register',
    { json: { login_name: SHIPPER, password: PASSWORD, captcha: shipperCode, user_name: '王五' } }
  ),
    {
      status: 503,
      body: { result: 0, msg: '统一认证平台暂不可用，请稍后再试', code: 'IDENTITY_MEFP_UNAVAILABLE' }
    }, 'MeFP down: registration answers 503')
  mefp.setMode('ok')
  t.notOk(mefp.accounts.has(SHIPPER), 'nothing registered at MeFP')
  await register(SHIPPER, '王五', shipperCode)

  const admin = await login(ADMIN)
  let driver = await login(DRIVER)
  let shipper = await login(SHIPPER)
  t.match(admin.data, { role: 9, login_count: 0 }, 'IDENTITY_ADMINS makes an administrator')
  t.match(driver.data, { role: 0, status: 1, checked: 0 }, 'others are ordinary users')
  t.ok(new Set([admin.id, driver.id, shipper.id]).size === 3, 'three users')

  // The token, wherever it is sent.
  const own = {
    status: 200,
    body: {
      result: 1,
      data: {
        login_name: DRIVER, user_id: driver.id, user_name: '张三', role: 0, area: '', login_count: 1, consignors: null,
        drivers: null
      }
    }
  }
  t.match(await send('GET', `/users/${driver.id}`, { token: driver.token }), own, 'Authorization: Bearer')
  t.match(await send('GET', `/users/${driver.id}`, { headers: { token: driver.token } }), own, 'a token header')
  t.match(
    await send('GET', `/users/${driver.id}?token=${encodeURIComponent(driver.token)}`),
    own,
    'a token query parameter'
  )

  // Every bad token answers the same 401, whatever is wrong with it.
  const flipped = roleFlipped(driver.token)
  t.equal(decryptBytes(flipped.token)[flipped.at], 0x39, 'the flipped token decrypts to "role":9')
  t.same(await send('GET', `/users/${driver.id}`, { token: flipped.token }), UNAUTHORIZED, 'a bit-flipped token')
  const lastBit = Buffer.from(driver.token, 'base64')
  lastBit[lastBit.length - 1] = (lastBit[lastBit.length - 1] ?? 0) ^ 1
  t.same(
    await send('GET', `/users/${driver.id}`, { token: lastBit.toString('base64') }),
    UNAUTHORIZED,
    'a token with its last bit flipped'
  )
  t.match(
    await send('GET', `/users/${driver.id}`, { token: resigned(driver.token, () => {}) }),
    own,
    'a token signed again unchanged still works (the format is read right)'
  )
  t.same(
    await send(
      'GET',
      `/users/${driver.id}`,
      { token: resigned(driver.token, (fields) => { fields.expired_time = Date.now() - 1000 }) }
    ),
    UNAUTHORIZED,
    'an expired token'
  )
  t.same(await send('GET', `/users/${driver.id}`, { token: 'bm90IGEgdG9rZW4=' }), UNAUTHORIZED, 'garbage')
  t.same(await send('GET', `/users/${driver.id}`), UNAUTHORIZED, 'no token')
  const claimsAdmin = resigned(driver.token, (fields) => { fields.role = 9 })
  t.same(
    await send('GET', '/users', { token: claimsAdmin }),
    { status: 200, body: { result: 1, total: 0, page_no: 1, page_size: 20, data: [] } },
    'a role in the token grants nothing: the store says role 0'
  )

  // One's own profile and password.
  t.same(
    await send(
      'PUT',
      `/users/${driver.id}`,
      { token: driver.token, json: { user_name: '张三丰', city: '杭州', sign: '运输.*(快)', memo: 'Night Shift' } }
    ),
    { status: 200, body: { result: 1 } }
  )
  t.match(
    await send('GET', `/users/${driver.id}`, { token: driver.token }),
    { status: 200, body: { data: { user_name: '张三丰', city: '杭州', sign: '运输.*(快)', memo: 'Night Shift' } } },
    'the profile is changed'
  )
  t.same(await send('PUT', `/users/${driver.id}`, { token: driver.token, json: { role: 9 } }),
    {
      status: 403,
      body: { result: 0, msg: '无权修改状态、角色、区域或审核状况', code: 'IDENTITY_NOT_MANAGER' }
    }, 'nobody promotes themself')
  t.same(await send('PUT', `/users/${shipper.id}`, { token: driver.token, json: { user_name: 'x' } }),
    {
      status: 404,
      body: { result: 0, msg: '用户不存在', code: 'IDENTITY_USER_NOT_FOUND' }
    }, 'another ordinary user is unknown to an ordinary user')
  t.same(await send(
    'PUT',
    `/users/${driver.id}`,
    { token: driver.token, json: { password: 'gateway-password-2', old_password: 'not-the-password' } }
  ),
    {
      status: 400,
      body: { result: 0, msg: '原密码错误', code: 'IDENTITY_MEFP_REFUSED' }
    }, 'a wrong old password is refused by MeFP')
  t.same(
    await send(
      'PUT',
      `/users/${driver.id}`,
      { token: driver.token, json: { password: 'gateway-password-2', old_password: PASSWORD } }
    ),
    { status: 200, body: { result: 1 } }
  )
  t.equal(mefp.accounts.get(DRIVER)?.password, 'gateway-password-2', 'MeFP has the new password')
  t.equal(
    (await send('POST', '/users/login', { json: { login_name: DRIVER, password: PASSWORD } })).status,
    401,
    'the old password no longer logs in'
  )
  t.same(await send('GET', `/users/${driver.id}`, { token: driver.token }), UNAUTHORIZED, 'the change ended the token')
  driver = await login(DRIVER, 'gateway-password-2')
  t.equal((await send('GET', `/users/${driver.id}`, { token: driver.token })).status, 200, 'a new login works')

  // Consignor and driver records, changed only by their user.
  const created = await send(
    'POST',
    '/users/drivers',
    {
      token: shipper.token,
      json: {
        login_name: SHIPPER, plate_number: '浙a12345', contact_name: '王五', contact_number: SHIPPER, device_id: 'dev-1',
        idcard_number: '11010519491231002X'
      }
    }
  )
  t.match(created, { status: 200, body: { result: 1, id: Number } })
  const driverId = Number(created.body.id)
  t.same(await send(
    'POST',
    '/users/drivers',
    {
      token: shipper.token,
      json: { login_name: SHIPPER, plate_number: '浙A00000', contact_name: '王五', contact_number: SHIPPER }
    }
  ),
    {
      status: 409,
      body: { result: 0, msg: '车主信息已存在，请修改', code: 'IDENTITY_DRIVER_EXISTS' }
    }, 'one driver record per user')
  t.same(await send(
    'POST',
    '/users/drivers',
    {
      token: driver.token,
      json: { login_name: SHIPPER, plate_number: '浙A00000', contact_name: '张三', contact_number: DRIVER }
    }
  ),
    {
      status: 403,
      body: { result: 0, msg: '只能为自己的账号添加信息', code: 'IDENTITY_LOGIN_NAME_MISMATCH' }
    }, 'not for someone else')
  t.match(await send('GET', `/users/drivers/${driverId}`, { token: shipper.token }),
    {
      status: 200,
      body: {
        result: 1,
        data: {
          id: driverId, user_id: shipper.id, login_name: SHIPPER, plate_number: '浙A12345', decice_id: 'dev-1',
          device_id: 'dev-1', idcard_number: '11010519491231002X', memo: ''
        }
      }
    },
    'the plate upper-cased, decice_id beside device_id')
  t.same(
    await send('PUT', `/users/driver/${driverId}`, { token: shipper.token, json: { device_id: 'dev-2', memo: '夜班' } }),
    { status: 200, body: { result: 1 } },
    'PUT /users/driver/:id'
  )
  t.same(
    await send('PUT', `/users/drivers/${driverId}`, { token: shipper.token, json: { plate_number: '浙b54321' } }),
    { status: 200, body: { result: 1 } },
    'PUT /users/drivers/:id'
  )
  t.match(await send('GET', `/users/drivers/${driverId}`, { token: shipper.token }),
    {
      status: 200,
      body: { data: { plate_number: '浙B54321', decice_id: 'dev-2', device_id: 'dev-2', memo: '夜班' } }
    }, 'both spellings change the record')
  t.same(await send('GET', `/users/drivers/${driverId}`, { token: driver.token }),
    {
      status: 404,
      body: { result: 0, msg: '车主信息不存在', code: 'IDENTITY_DRIVER_NOT_FOUND' }
    }, 'another user\'s record is unknown')

  const consignor = await send(
    'POST',
    '/users/consignors',
    {
      token: shipper.token,
      json: { login_name: SHIPPER, contact_name: '王五', contact_number: SHIPPER, company: '杭州货运', device_id: 'dev-c' }
    }
  )
  t.match(consignor, { status: 200, body: { result: 1, id: Number } })
  const consignorId = Number(consignor.body.id)
  t.same(
    await send(
      'PUT',
      `/users/consignors/${consignorId}`,
      { token: shipper.token, json: { address: '西湖区', device_id: 'dev-d' } }
    ),
    { status: 200, body: { result: 1 } }
  )
  t.match(await send('GET', `/users/consignors/${consignorId}`, { token: shipper.token }),
    {
      status: 200,
      body: {
        result: 1,
        data: {
          id: consignorId, user_id: shipper.id, login_name: SHIPPER, company: '杭州货运', address: '西湖区',
          decice_id: 'dev-d', device_id: 'dev-d', img_org: ''
        }
      }
    })
  t.match(await send('GET', `/users/${shipper.id}`, { token: shipper.token }),
    {
      status: 200,
      body: {
        data: {
          consignors: { id: consignorId, company: '杭州货运', address: '西湖区' },
          drivers: { id: driverId, plate_number: '浙B54321', lng: null, lat: null }
        }
      }
    }, 'the user\'s details carry both records')

  // The administrator: reads and manages everyone below role 9, changes nobody's records or profile.
  t.match(
    await send('GET', `/users/drivers/${driverId}`, { token: admin.token }),
    { status: 200, body: { data: { id: driverId } } },
    'an administrator reads a managed user\'s record'
  )
  t.same(await send('PUT', `/users/drivers/${driverId}`, { token: admin.token, json: { memo: 'x' } }),
    { status: 403, body: { result: 0, msg: '只能修改自己的信息', code: 'IDENTITY_OWN_RECORD_ONLY' } }, 'but does not change it')
  t.same(await send('PUT', `/users/${driver.id}`, { token: admin.token, json: { user_name: 'x' } }),
    { status: 403, body: { result: 0, msg: '只能修改自己的资料或密码', code: 'IDENTITY_OWN_PROFILE_ONLY' } })
  t.same(await send('PUT', `/users/${driver.id}`, { token: admin.token, json: { role: 9 } }),
    {
      status: 403,
      body: { result: 0, msg: '只能授予低于自己的角色', code: 'IDENTITY_ROLE_NOT_GRANTABLE' }
    }, 'no second administrator')
  t.same(
    await send('PUT', `/users/${driver.id}`, { token: admin.token, json: { area: '浙江-杭州', role: 5 } }),
    { status: 200, body: { result: 1 } },
    'the driver becomes a partner for 浙江-杭州'
  )
  t.same(
    await send('PUT', `/users/${shipper.id}`, { token: admin.token, json: { area: '浙江-杭州-西湖', checked: 1 } }),
    { status: 200, body: { result: 1 } }
  )
  t.match(
    await send('GET', `/users/${driver.id}`, { token: admin.token }),
    { status: 200, body: { data: { area: '浙江-杭州', role: 5 } } }
  )
  const partnerList = await send('GET', '/users', { token: driver.token })
  t.match(
    partnerList,
    { status: 200, body: { total: 1, data: [{ user_id: shipper.id, area: '浙江-杭州-西湖', checked: 1 }] } },
    'the partner now sees the user of its area, at once'
  )
  t.same(idsOf(partnerList), [shipper.id], 'and only that user')
  t.same(await send('PUT', `/users/${shipper.id}`, { token: driver.token, json: { area: '上海' } }),
    { status: 403, body: { result: 0, msg: '区域超出管辖范围', code: 'IDENTITY_AREA_OUTSIDE_SCOPE' } })

  // The list: literal keywords, paging.
  const list = async (query: string) => await send('GET', `/users?${query}`, { token: admin.token })
  const all = await list('')
  t.match(all, { status: 200, body: { result: 1, total: 2, page_no: 1, page_size: 20 } })
  t.same(idsOf(all), [driver.id, shipper.id], 'an administrator manages both others, not themself, by id')
  for (const keyword of ['.*(', '(', '.*', 'night shift']) {
    const found = await list(`keyword=${encodeURIComponent(keyword)}`)
    t.same(
      [found.status, found.body.total, idsOf(found)],
      [200, 1, [driver.id]],
      `keyword ${keyword} is a literal substring, any case`
    )
  }
  const bracket = await list(`keyword=${encodeURIComponent('[')}`)
  t.same([bracket.status, bracket.body.total, idsOf(bracket)], [200, 0, []], 'an unclosed bracket matches nothing')
  const first = await list('page_size=1&page_no=1')
  const second = await list('page_size=1&page_no=2')
  t.match(
    first,
    {
      status: 200,
      body: { total: 2, page_no: 1, page_size: 1, data: [{ user_id: driver.id, consignors: null, drivers: null }] }
    }
  )
  t.match(
    second,
    {
      status: 200,
      body: {
        total: 2,
        page_no: 2,
        page_size: 1,
        data: [
          {
            user_id: shipper.id,
            consignors: { id: consignorId, company: '杭州货运' },
            drivers: { id: driverId, plate_number: '浙B54321' }
          }
        ]
      }
    }
  )
  t.same([idsOf(first), idsOf(second)], [[driver.id], [shipper.id]], 'one row a page')
  const past = await list('page_size=1&page_no=3')
  t.same([past.status, past.body.total, idsOf(past)], [200, 2, []], 'past the end: an empty page')
  t.match(
    await list('page_size=101'),
    { status: 400, body: { result: 0, code: 'KIT_VALIDATION' } },
    'more than 100 a page is refused'
  )

  // MeFP's token, from an allowed address, encrypted both ways.
  const issued = await send('POST', '/users/token', { text: codec.encrypt({ login_name: DRIVER }) })
  t.match(issued, { status: 200, body: { result: 1, data: String } }, 'the loopback caller is in MEFP_ALLOWED_IPS')
  const mefpToken = (codec.decrypt(String(issued.body.data)) as { token: string }).token
  t.match(
    await send('GET', `/users/${driver.id}`, { token: mefpToken }),
    { status: 200, body: { data: { login_name: DRIVER, role: 5 } } },
    'the token MeFP got opens the user\'s record'
  )
  t.equal(
    (await send('POST', '/users/token', { json: { data: codec.encrypt({ login_name: DRIVER }) } })).status,
    200,
    'as data of a JSON body'
  )
  t.same(
    await send('POST', '/users/token', { text: codec.encrypt({ login_name: '13900000099' }) }),
    { status: 404, body: { result: 0, msg: '用户不存在', code: 'IDENTITY_TOKEN_USER_NOT_FOUND' } }
  )
  t.equal(
    (await send('POST', '/users/token', { text: 'not encrypted' })).body.code,
    'IDENTITY_TOKEN_REQUEST_UNREADABLE'
  )

  // Disabled: the live token is ended at once (the same 401 as any bad token); a login and MeFP's token are refused.
  t.same(
    await send('PUT', `/users/${shipper.id}`, { token: admin.token, json: { status: 0 } }),
    { status: 200, body: { result: 1 } }
  )
  t.same(
    await send('GET', `/users/${shipper.id}`, { token: shipper.token }),
    UNAUTHORIZED,
    'the disabled user\'s live token'
  )
  t.same(
    await send('GET', `/users/drivers/${driverId}`, { token: shipper.token }),
    UNAUTHORIZED,
    'on every signed-in route'
  )
  t.same(
    await send('POST', '/users/login', { json: { login_name: SHIPPER, password: PASSWORD } }),
    DISABLED,
    'no new login'
  )
  t.same(
    await send('POST', '/users/token', { text: codec.encrypt({ login_name: SHIPPER }) }),
    DISABLED,
    'no token for MeFP'
  )
  const disabled = await list('status=0')
  t.match(
    disabled,
    { status: 200, body: { total: 1, data: [{ user_id: shipper.id, status: 0 }] } },
    'the list shows the disabled user'
  )
  t.same(idsOf(disabled), [shipper.id])
  t.same(
    await send('PUT', `/users/${shipper.id}`, { token: admin.token, json: { status: 1 } }),
    { status: 200, body: { result: 1 } }
  )
  t.same(
    await send('GET', `/users/${shipper.id}`, { token: shipper.token }),
    UNAUTHORIZED,
    'enabled again, the old token stays ended'
  )
  shipper = await login(SHIPPER)
  t.match(
    await send('GET', `/users/${shipper.id}`, { token: shipper.token }),
    { status: 200, body: { data: { status: 1 } } },
    'a new login works'
  )

  // MeFP down: logins answer 503 and change nothing, not even the failure count.
  const before = await send('GET', `/users/${admin.id}`, { token: admin.token })
  mefp.setMode('down')
  const outage: Answer[] = []
  for (let i = 0; i < 6; i++) outage.push(
    await send('POST', '/users/login', { json: { login_name: ADMIN, password: PASSWORD } })
  )
  t.same(outage[0], { status: 503, body: { result: 0, msg: '统一认证平台暂不可用，请稍后再试', code: 'IDENTITY_MEFP_UNAVAILABLE' } })
  t.same(outage.map((answer) => answer.status), [503, 503, 503, 503, 503, 503], 'every attempt, never a lock')
  t.same(
    await send('GET', `/users/${admin.id}`, { token: admin.token }),
    before,
    'the user\'s record (last login, count) is unchanged'
  )
  t.equal((await send('GET', `/users/check?login_name=${ADMIN}`)).status, 503)
  mefp.setMode('ok')
  const back = await login(ADMIN)
  t.equal(
    back.data.login_count,
    (before.body.data as Body).login_count,
    'the next login answers the same previous login'
  )

  // Logout ends the token it is called with; the user's other sessions go on.
  t.same(await send('POST', '/users/logout', { token: back.token }), { status: 200, body: { result: 1 } })
  t.same(await send('GET', `/users/${admin.id}`, { token: back.token }), UNAUTHORIZED, 'the token logged out with')
  t.same(await send('POST', '/users/logout', { token: back.token }), UNAUTHORIZED, 'logging out again')
  t.equal((await send('GET', `/users/${admin.id}`, { token: admin.token })).status, 200, 'another session')
})

t.test('POST /users/token: the gateway lets in only MEFP_ALLOWED_IPS, judged with TRUST_PROXY', async (t) => {
  // MeFP at 203.0.113.7 behind a trusted proxy at 127.0.0.2; 127.0.0.1 is an ordinary client.
  const { base, send } = await build(t, { env: { MEFP_ALLOWED_IPS: '203.0.113.7', TRUST_PROXY: '127.0.0.2' } })
  const body = codec.encrypt({ login_name: DRIVER })
  t.same(
    await send('POST', '/users/token', { text: body }),
    GATEWAY_FORBIDDEN,
    'loopback is not in the list: 403 from the gateway'
  )
  t.same(
    await fromAddress(base, '127.0.0.1', '/users/token', body, { 'x-forwarded-for': '203.0.113.7' }),
    GATEWAY_FORBIDDEN,
    'a forged X-Forwarded-For from an untrusted peer'
  )
  t.same(
    await fromAddress(
      base,
      '127.0.0.1',
      '/users/token',
      body,
      { 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '203.0.113.7', forwarded: 'for=203.0.113.7' }
    ),
    GATEWAY_FORBIDDEN,
    'nor with every forwarding header'
  )
  t.same(await fromAddress(base, '127.0.0.2', '/users/token', body), GATEWAY_FORBIDDEN, 'the proxy itself is not MeFP')
  t.same(await fromAddress(base, '127.0.0.2', '/users/token', body, { 'x-forwarded-for': '203.0.113.7' }),
    {
      status: 404,
      body: { result: 0, msg: '用户不存在', code: 'IDENTITY_TOKEN_USER_NOT_FOUND' }
    }, 'MeFP through the trusted proxy reaches identity (no such user here)')
  t.equal(
    (await send('GET', `/users/check?login_name=${DRIVER}`)).status,
    200,
    'other /users routes are open to everyone'
  )
})
