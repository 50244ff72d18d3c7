// The files ops use, checked against the code: the Dockerfile, docker-compose.yml, .env.example
// and scripts/env-file.mjs. (CI also starts every process as compose would: scripts/run-like-compose.mjs.)
import t from 'tap'
import { execFileSync, spawnSync } from 'node:child_process'
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto'
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TObject, TSchema } from 'typebox'
import { GatewayConfigSchema } from '@driver/gateway'
import { IdentityConfigSchema } from '@driver/identity'
import { MediaConfigSchema } from '@driver/media'
import { ResumesConfigSchema } from '@driver/resumes'
import { SmsConfigSchema } from '@driver/sms'

const root = new URL('../../../', import.meta.url).pathname
const read = (path: string): string => readFileSync(join(root, path), 'utf8')

/** Every variable a schema names, through unions and intersections. */
function variablesOf (schema: TSchema): string[] {
  const node = schema as TSchema & { properties?: TObject['properties'], anyOf?: TSchema[], allOf?: TSchema[] }
  return [
    ...new Set(
      [...Object.keys(node.properties ?? {}), ...[...(node.anyOf ?? []), ...(node.allOf ?? [])].flatMap(variablesOf)]
    )
  ]
}

/** docker-compose.yml as data, anchors and merge keys resolved, `${…}` left as written. */
function composeFile (): {
  services: Record<string,
  { environment?: Record<string, string>, build?: unknown, command?: string[] }>
} | undefined {
  const parsed = spawnSync(
    'python3',
    [
      '-c',
      'import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), sys.stdout)',
      join(root, 'docker-compose.yml')
    ],
    { encoding: 'utf8' }
  )
  return parsed.status === 0 ? JSON.parse(parsed.stdout) : undefined
}

t.test('the Dockerfile installs from every workspace manifest before it copies the code', async (t) => {
  const dockerfile = read('Dockerfile')
  const workspaces = [
    'gateway',
    ...['packages', 'services'].flatMap((folder) => readdirSync(join(root, folder)).map((name) => `${folder}/${name}`))
  ]
    .filter((dir) => statSync(join(root, dir, 'package.json'), { throwIfNoEntry: false })?.isFile())
  for (const dir of workspaces) t.match(dockerfile, `COPY ${dir}/package.json ${dir}/\n`, `${dir}/package.json`)
  t.ok(
    dockerfile.indexOf('corepack pnpm install --frozen-lockfile') < dockerfile.indexOf('COPY . .'),
    'dependencies are a layer of their own'
  )
  t.match(dockerfile, /\nUSER node\n/, 'the process runs as node')
})

const PROCESSES: Record<string, TSchema> = {
  gateway: GatewayConfigSchema, identity: IdentityConfigSchema, resumes: ResumesConfigSchema, media: MediaConfigSchema,
  sms: SmsConfigSchema
}
/** Read by a process but deliberately not given by compose. */
const NOT_FROM_COMPOSE: Record<string, string[]> = {
  gateway: ['DATA_DIR', 'MONGO_URL', 'AMQP_URL'], // the gateway keeps nothing and sends no messages
  // MongoDB, not the embedded store
  identity: ['DATA_DIR'], resumes: ['DATA_DIR'], media: ['DATA_DIR'], sms: ['DATA_DIR']
}

const compose = composeFile()
const noYaml = compose ? false : 'python3 with PyYAML reads docker-compose.yml here (Debian: python3-yaml, which ' +
  'docker-compose brings)'

t.test('compose passes every variable each process reads', { skip: noYaml }, async (t) => {
  if (!compose) return
  for (const [name, schema] of Object.entries(PROCESSES)) {
    const service = compose.services[name]
    t.ok(service, `${name} is a compose service`)
    t.same(service?.command, [name], `${name} runs the ${name} process`)
    const given = Object.keys(service?.environment ?? {})
    // A secret is given as NAME_FILE, the file compose mounts (the processes read either).
    const missing = variablesOf(schema).filter(
      (variable) => !given.includes(variable) && !given.includes(`${variable}_FILE`) &&
        !NOT_FROM_COMPOSE[name]?.includes(variable)
    )
    t.same(missing, [], `${name} gets every variable it reads`)
    t.equal(service?.environment?.NODE_ENV, 'production')
    t.equal(service?.environment?.HOST, '0.0.0.0', `${name} listens on its container's interfaces`)
  }
  t.same(
    Object.entries(compose.services).filter(([, service]) => service.build).map(([name]) => name),
    ['gateway'],
    'one service builds the one image'
  )
})

t.test('.env.example lists exactly the variables compose reads', async (t) => {
  const composeText = read('docker-compose.yml') + read('docker-compose.dev.yml')
  const interpolated = new Set([...composeText.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((match) => match[1]))
  const example = new Set([...read('.env.example').matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]))
  t.same([...interpolated].filter((name) => !example.has(name)), [], 'compose reads nothing .env.example leaves out')
  t.same([...example].filter((name) => !interpolated.has(name)), [], '.env.example lists nothing compose ignores')
})

t.test('scripts/env-file.mjs writes a complete .env and a private folder of fresh secrets', async (t) => {
  const dir = t.testdir({ one: {}, two: {} })
  const write = (name: string, ...args: string[]) =>
    spawnSync(
      process.execPath,
      [join(root, 'scripts/env-file.mjs'), '--output', join(dir, name, '.env'), ...args],
      { encoding: 'utf8', env: { PATH: process.env.PATH } }
    )
  t.equal(write('one').status, 0)
  t.equal(write('two').status, 0)
  const refused = write('one')
  t.equal(refused.status, 1, 'existing files are kept')
  t.match(refused.stderr, '--force')
  t.equal(statSync(join(dir, 'one/.env')).mode & 0o777, 0o600)
  t.equal(statSync(join(dir, 'one/secrets')).mode & 0o777, 0o700, 'only the owner can open the secrets folder')

  const parse = (name: string) =>
    Object.fromEntries(
      [...readFileSync(join(dir, name, '.env'), 'utf8').matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map(
        (match) => [match[1], match[2]]
      )
    )
  const one = parse('one')
  const example = Object.keys(
    Object.fromEntries([...read('.env.example').matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => [match[1], true]))
  )
  t.same(Object.keys(one), example, 'every variable of .env.example, in its order')
  t.equal(one.SECRETS_DIR, join(dir, 'one/secrets'), 'the .env says where its secrets are')
  const secret = (name: string, file: string) => readFileSync(join(dir, name, 'secrets', file), 'utf8')
  for (const file of ['gateway_assertion_secret', 'sms_code_secret', 'token_secret', 'mongo_password']) {
    t.ok(secret('one', file).length >= 32, `${file} is set`)
    t.not(secret('one', file), secret('two', file), `${file} is new each time`)
  }
  t.match(secret('one', 'mongo_password'), /^[0-9a-f]+$/, 'passwords can go into URLs as they are')
  t.equal(
    secret('one', 'mongo_url'),
    `mongodb://driver:${secret('one', 'mongo_password')}@mongo:27017/?authSource=admin`,
    'the services log in to MongoDB with its root password'
  )
  const rabbitmqPassword = /^default_pass = ([0-9a-f]{32})$/m.exec(secret('one', 'rabbitmq.conf'))?.[1]
  t.match(secret('one', 'rabbitmq.conf'), /^default_user = driver$/m)
  t.equal(secret('one', 'amqp_url'), `amqp://driver:${rabbitmqPassword}@rabbitmq:5672`,
    'the services log in to RabbitMQ with the user its configuration creates')
  t.equal(secret('one', 'aliyun_sms_access_key_secret'), '', 'Aliyun\'s secret is empty until given')
  const pem = (value: string | undefined) => JSON.parse(value ?? '""').replaceAll('\\n', '\n') as string
  const signature = sign('sha256', Buffer.from('session'), createPrivateKey(secret('one', 'session_private_key')))
  t.ok(
    verify('sha256', Buffer.from('session'), createPublicKey(pem(one.SESSION_PUBLIC_KEY)), signature),
    'the session keys are a pair'
  )
  t.match(read('.gitignore'), /^secrets\/$/m, 'git ignores the secrets')
  t.match(read('.dockerignore'), /^secrets$/m, 'the image build context leaves them out')
})

const noCompose = spawnSync(
  'docker-compose',
  ['version'],
  { encoding: 'utf8' }
).status === 0 ? false : 'docker-compose is not installed (CI installs it)'

/** What only the official account's owner knows; env-file.mjs takes it from its environment. */
const OFFICIAL_ACCOUNT = {
  WECHAT_APPID: 'wx0123456789abcdef',
  WECHAT_SECRET: 'a "secret" with spaces',
  WECHAT_OAUTH_CALLBACK_URL: 'https://h5.example.com/wx/auth/callback',
  MEFP_URL: 'https://mefp.example.com',
  MEFP_SECRET: 'mefp-aes-key-of-exactly-32-bytes',
  APP_SECRET: 'mefp-iv-16-bytes'
}

t.test('scripts/env-file.mjs takes the official account from its environment and says when it is ' +
  'missing', async (t) => {
  const dir = t.testdir()
  const given = spawnSync(
    process.execPath,
    [join(root, 'scripts/env-file.mjs'), '--output', join(dir, 'given.env')],
    { encoding: 'utf8', env: { PATH: process.env.PATH, ...OFFICIAL_ACCOUNT } }
  )
  t.equal(given.status, 0)
  const text = readFileSync(join(dir, 'given.env'), 'utf8')
  t.match(text, /^WECHAT_APPID=wx0123456789abcdef$/m)
  t.equal(readFileSync(join(dir, 'secrets/wechat_secret'), 'utf8'), 'a "secret" with spaces', 'a secret is a file')
  t.notMatch(text, 'a \\"secret\\"', 'and not in .env')
  t.match(text, /^WECHAT_OAUTH_CALLBACK_URL=https:\/\/h5\.example\.com\/wx\/auth\/callback$/m)
  t.notMatch(given.stdout, 'fill in')
  // A fresh start (--force) makes new secrets and keeps the operator's, which did not change.
  const tokenBefore = readFileSync(join(dir, 'secrets/token_secret'), 'utf8')
  const again = spawnSync(
    process.execPath,
    [join(root, 'scripts/env-file.mjs'), '--output', join(dir, 'given.env'), '--force'],
    { encoding: 'utf8', env: { PATH: process.env.PATH } }
  )
  t.equal(again.status, 0)
  t.not(readFileSync(join(dir, 'secrets/token_secret'), 'utf8'), tokenBefore)
  t.equal(readFileSync(join(dir, 'secrets/wechat_secret'), 'utf8'), 'a "secret" with spaces')
  const without = spawnSync(
    process.execPath,
    [join(root, 'scripts/env-file.mjs'), '--output', join(dir, 'without.env'), '--secrets', join(dir, 'without')],
    { encoding: 'utf8', env: { PATH: process.env.PATH } }
  )
  t.equal(without.status, 0)
  t.match(
    without.stdout,
    `fill in WECHAT_APPID, WECHAT_OAUTH_CALLBACK_URL, MEFP_URL, ${join(dir, 'without/wechat_secret')} ` +
      `(WECHAT_SECRET), ${join(dir, 'without/mefp_secret')} (MEFP_SECRET), ` +
      `${join(dir, 'without/app_secret')} (APP_SECRET)`
  )
})

t.test('scripts/env-file.mjs writes WeChat\'s push Token and EncodingAESKey as secret files, and keeps them',
  async (t) => {
    const dir = t.testdir()
    const run = (env: Record<string, string>, ...extra: string[]) => spawnSync(
      process.execPath, [join(root, 'scripts/env-file.mjs'), '--output', join(dir, '.env'), ...extra],
      { encoding: 'utf8', env: { PATH: process.env.PATH, ...OFFICIAL_ACCOUNT, ...env } }
    )
    const read = (file: string) => readFileSync(join(dir, 'secrets', file), 'utf8')
    t.equal(run({}).status, 0)
    t.match(read('wechat_push_token'), /^[A-Za-z0-9]{32}$/, 'a fresh Token WeChat accepts')
    t.match(read('wechat_encoding_aes_key'), /^[A-Za-z0-9]{43}$/, 'a fresh EncodingAESKey WeChat accepts')
    const env = readFileSync(join(dir, '.env'), 'utf8')
    t.notMatch(env, /^(WECHAT_PUSH_TOKEN|WECHAT_ENCODING_AES_KEY)=/m, 'neither is a variable')
    t.notMatch(env, read('wechat_push_token'), 'nor its value')
    const token = read('wechat_push_token')
    t.equal(run({}, '--force').status, 0)
    t.equal(read('wechat_push_token'), token, 'a fresh start keeps what was entered in WeChat\'s settings')
    const given = { WECHAT_PUSH_TOKEN: 'operatorToken1', WECHAT_ENCODING_AES_KEY: 'k'.repeat(43) }
    t.equal(run(given, '--force').status, 0)
    t.same([read('wechat_push_token'), read('wechat_encoding_aes_key')], [given.WECHAT_PUSH_TOKEN, 'k'.repeat(43)])
  })

t.test('compose accepts the generated .env and names a missing secret', { skip: noCompose }, async (t) => {
  const dir = t.testdir()
  execFileSync(
    process.execPath,
    [join(root, 'scripts/env-file.mjs'), '--output', join(dir, '.env')],
    { env: { PATH: process.env.PATH, ...OFFICIAL_ACCOUNT } }
  )
  const config = (envFile: string) =>
    spawnSync(
      'docker-compose',
      ['--env-file', envFile, '-f', join(root, 'docker-compose.yml'), 'config', '-q'],
      { encoding: 'utf8', env: { PATH: process.env.PATH } }
    )
  t.equal(config(join(dir, '.env')).status, 0, 'the generated .env passes')
  execFileSync(
    process.execPath,
    [join(root, 'scripts/env-file.mjs'), '--output', join(dir, 'no-account.env'), '--secrets', join(dir, 'no-account')],
    { env: { PATH: process.env.PATH } }
  )
  const noAccount = config(join(dir, 'no-account.env'))
  t.not(noAccount.status, 0, 'compose refuses a .env without the official account and MeFP')
  t.match(
    noAccount.stderr,
    /(WECHAT_APPID|WECHAT_SECRET|WECHAT_OAUTH_CALLBACK_URL|MEFP_URL|MEFP_SECRET|APP_SECRET) is required/,
    'naming the first one missing'
  )
  writeFileSync(
    join(dir, 'missing.env'),
    readFileSync(join(dir, '.env'), 'utf8').replace(/^SESSION_PUBLIC_KEY=.*$/m, '')
  )
  const missing = config(join(dir, 'missing.env'))
  t.not(missing.status, 0)
  t.match(missing.stderr, 'SESSION_PUBLIC_KEY is required')
})
