// What the benchmark sends: each case a request a driver's page or app makes, round-robin over the
// users, written as a wrk Lua script (one request per call of `request`).
import type { BenchUser } from './users.js'

export interface Request { headers: Record<string, string>, body?: string }

export interface Case {
  name: string
  method: 'GET' | 'POST'
  path: string
  /** The request user `i` sends; `NNNNNNNN` in the body becomes a number unique to the request. */
  request: (user: BenchUser, i: number) => Request
  /** Writes into the stores: profiled when BENCH_CPU_PROF is set. */
  write: boolean
}

const FORM = 'application/x-www-form-urlencoded'
const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString()
const wx = (user: BenchUser, fields?: Record<string, string>): Request => ({
  headers: { cookie: user.cookie, ...(fields ? { 'content-type': FORM } : {}) },
  ...(fields ? { body: form(fields) } : {})
})

/** `headImages[i]`: an image id user `i` downloaded for the resume's head_image (set before the load). */
export function platformCases (headImages: string[]): Case[] {
  return [
    { name: 'GET /wx/self_info/view', method: 'GET', path: '/wx/self_info/view', write: false, request: (u) => wx(u) },
    {
      name: 'POST /wx/resume/opt real_name', method: 'POST', path: '/wx/resume/opt', write: true,
      request: (u, i) => wx(u, { real_name: `张${i}` })
    },
    {
      name: 'POST /wx/resume/opt head_image', method: 'POST', path: '/wx/resume/opt', write: true,
      request: (u, i) => wx(u, { head_image: headImages[i] ?? '' })
    },
    {
      name: 'POST /wx/resume/extend add_work', method: 'POST', path: '/wx/resume/extend', write: true,
      request: (u) => wx(u, {
        opt: 'add_work', begin: '2010-12-1', end: '2015-12-1', enterprise_name: '顺丰速运', position: '司机'
      })
    },
    {
      name: 'GET /users/:id', method: 'GET', path: '/users/:id', write: false,
      request: (u) => ({ headers: { authorization: `Bearer ${u.bearer}` } })
    },
    {
      name: 'POST /wx/sms/get', method: 'POST', path: '/wx/sms/get', write: true,
      request: (u) => wx(u, { phone: '139NNNNNNNN' })
    },
    {
      name: 'POST /wx/auto_download/head_image', method: 'POST', path: '/wx/auto_download/head_image', write: true,
      request: (u) => wx(u, { server_id: 'sim-head', table_name: 'head_image' })
    }
  ]
}

const lua = (text: string): string => `[==[${text}]==]`

/** The wrk script of a case: requests round-robin over the users; `NNNNNNNN` counts up from `start`. */
export function wrkScript (bench: Case, users: BenchUser[], start: number): string {
  const entries = users.map((user, i) => {
    const { headers, body } = bench.request(user, i)
    const path = bench.path.replace(':id', String(user.accountId))
    const fields = Object.entries(headers).map(([name, value]) => `[ ${lua(name)} ] = ${lua(value)}`).join(', ')
    return `  { path = ${lua(path)}, headers = { ${fields} }, body = ${body === undefined ? 'nil' : lua(body)} }`
  })
  return [
    'local entries = {', entries.join(',\n'), '}',
    `local i, n = 0, ${start % 100_000_000}`,
    'request = function ()',
    '  i = i % #entries + 1',
    '  n = (n + 1) % 100000000',
    '  local e = entries[i]',
    '  local body = e.body and string.gsub(e.body, "NNNNNNNN", string.format("%08d", n)) or nil',
    `  return wrk.format(${lua(bench.method)}, e.path, e.headers, body)`,
    'end',
    // A refusal can come as a 200 (the /wx envelope): every answer without success is counted.
    'local threads = {}',
    'setup = function (thread) table.insert(threads, thread) end',
    'refused = 0',
    'response = function (status, headers, body)',
    '  if not (string.find(body, \'"message":"success"\', 1, true) or string.find(body, \'"result":1\', 1, true)) then',
    '    refused = refused + 1',
    '  end',
    'end',
    'done = function ()',
    '  local total = 0',
    '  for _, thread in ipairs(threads) do total = total + thread:get("refused") end',
    '  io.write(string.format("Refused answers: %d\\n", total))',
    'end',
    ''
  ].join('\n')
}
