// Writes what `docker compose up` reads: .env, every variable of .env.example, and the secrets, one
// file each in a folder of their own (SECRETS_DIR; mounted by compose at /run/secrets/<name>, so
// no secret is in a container's environment): fresh secrets, database and broker passwords (with
// the URLs and the RabbitMQ configuration that hold them) and a session key pair. What cannot be
// generated, the official account's app id and secret, the login callback and the MeFP portal's
// address, key and IV (and Aliyun's access key secret), is taken from this script's environment:
// any variable .env.example lists and the environment sets is written with the environment's value.
//
//   WECHAT_APPID=wx… WECHAT_SECRET=… WECHAT_OAUTH_CALLBACK_URL=https://h5.example.com/wx/auth/callback \
//     node scripts/env-file.mjs [--output <path>] [--secrets <folder>] [--force]
//
// The secrets go to secrets/ beside the .env. Existing files are kept unless --force: MongoDB and
// RabbitMQ keep the users they were first started with, and a new session key pair logs everyone out.
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

function argument (name) {
  const at = process.argv.indexOf(name)
  return at === -1 ? undefined : process.argv[at + 1]
}

/** A value as compose's .env reads it: double-quoted when it holds anything but plain characters. */
function quoted (value) {
  if (/^[\w.,:/@+-]*$/.test(value)) return value
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`
}

const output = resolve(argument('--output') ?? join(root, '.env'))
const secretsDir = resolve(argument('--secrets') ?? join(dirname(output), 'secrets'))
const kept = [output, ...(existsSync(secretsDir) && readdirSync(secretsDir).length > 0 ? [secretsDir] : [])]
  .filter((path) => existsSync(path))
if (kept.length > 0 && !process.argv.includes('--force')) {
  console.error(`${kept.join(' and ')} exist and are kept: MongoDB and RabbitMQ keep the passwords they were ` +
    'first started with, and new session keys log everyone out. Pass --force to replace them.')
  process.exit(1)
}

const example = readFileSync(join(root, '.env.example'), 'utf8').split('\n')
const exampleValue = (name) => example.find((line) => line.startsWith(`${name}=`))?.slice(name.length + 1)
const given = (name) => process.env[name] || undefined

// Letters and digits only: they go into URLs and rabbitmq.conf as they are.
const hex = (bytes) => randomBytes(bytes).toString('hex')
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const pem = (key, type) => key.export({ type, format: 'pem' }).toString()
const mongoUser = given('MONGO_USER') ?? exampleValue('MONGO_USER') ?? 'driver'
const mongoPassword = hex(16)
const rabbitmqPassword = hex(16)

/** The file of each secret, named as docker-compose.yml's `secrets:` names them. */
const secrets = {
  gateway_assertion_secret: hex(32),
  session_private_key: pem(privateKey, 'pkcs8'),
  sms_code_secret: hex(32),
  token_secret: hex(32),
  mongo_password: mongoPassword,
  mongo_url: `mongodb://${mongoUser}:${mongoPassword}@mongo:27017/?authSource=admin`,
  'rabbitmq.conf': `default_user = driver\ndefault_pass = ${rabbitmqPassword}\n`,
  amqp_url: `amqp://driver:${rabbitmqPassword}@rabbitmq:5672`,
  // Grafana's `admin` in the observability profile.
  grafana_admin_password: hex(16),
}
// Only with SMS_PROVIDER=aliyun, but compose mounts the file either way: empty until given.
const aliyun = join(secretsDir, 'aliyun_sms_access_key_secret')
if (given('ALIYUN_SMS_ACCESS_KEY_SECRET') || !existsSync(aliyun)) {
  secrets.aliyun_sms_access_key_secret = given('ALIYUN_SMS_ACCESS_KEY_SECRET') ?? ''
}
/** Required, and only their owners know them: written when this script's environment has them. */
const SECRETS_FROM_THE_OPERATOR = {
  WECHAT_SECRET: 'wechat_secret', MEFP_SECRET: 'mefp_secret', APP_SECRET: 'app_secret'
}
for (const [name, file] of Object.entries(SECRETS_FROM_THE_OPERATOR)) if (given(name)) secrets[file] = given(name)
// WeChat's server push: the Token (3–32) and EncodingAESKey (43), letters and digits, that the
// operator enters beside the server address in the account's settings. Given ones are written;
// otherwise fresh ones, once: a --force keeps them, as WeChat keeps what was entered.
const WECHAT_PUSH = {
  WECHAT_PUSH_TOKEN: ['wechat_push_token', 32], WECHAT_ENCODING_AES_KEY: ['wechat_encoding_aes_key', 43]
}
for (const [name, [file, length]] of Object.entries(WECHAT_PUSH)) {
  if (given(name) || !existsSync(join(secretsDir, file))) secrets[file] = given(name) ?? hex(length).slice(0, length)
}

/** The .env values this script makes up; every other variable keeps the example's value. */
const generated = {
  SECRETS_DIR: secretsDir === join(root, 'secrets') ? exampleValue('SECRETS_DIR') : secretsDir,
  SESSION_PUBLIC_KEY: `"${pem(publicKey, 'spki').trim().replaceAll('\n', '\\n')}"`
}

// The example's opening comment is about writing this file; the file says where it came from.
const body = example.slice(example.findIndex((line) => line.trim() === ''))
const lines = body.map((line) => {
  const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line)
  if (!match) return line
  if (match[1] in generated) return `${match[1]}=${generated[match[1]]}`
  return given(match[1]) ? `${match[1]}=${quoted(given(match[1]))}` : line
})

// The folder keeps the secrets private on the host; the files are readable by every user, as the
// containers' users (node, mongodb, rabbitmq) see them through compose's bind mounts.
mkdirSync(secretsDir, { recursive: true, mode: 0o700 })
chmodSync(secretsDir, 0o700)
for (const [file, value] of Object.entries(secrets)) {
  // Replaced, not rewritten, so that the mode is this one; an operator's secret not given this time
  // (with --force) is kept: it does not change with a fresh start.
  rmSync(join(secretsDir, file), { force: true })
  writeFileSync(join(secretsDir, file), value, { mode: 0o644 })
}

const header = [
  `# Written by \`node scripts/env-file.mjs\` on ${new Date().toISOString().slice(0, 10)} for docker compose; ` +
    '.env.example explains',
  `# each variable. The secrets are files in ${secretsDir} (SECRETS_DIR).`
]
writeFileSync(output, [...header, ...lines].join('\n'), { mode: 0o600 })
chmodSync(output, 0o600)
const empty = [
  ...['WECHAT_APPID', 'WECHAT_OAUTH_CALLBACK_URL', 'MEFP_URL'].filter((name) => lines.includes(`${name}=`)),
  ...Object.entries(SECRETS_FROM_THE_OPERATOR).filter(([, file]) => !existsSync(join(secretsDir, file)))
    .map(([name, file]) => `${join(secretsDir, file)} (${name})`)
]
const next = 'docker compose up --build'
if (empty.length > 0) {
  console.log(`wrote ${output} and ${secretsDir} with fresh secrets; fill in ${empty.join(', ')} ` +
    `(the official account's and MeFP's, see .env.example), then: ${next}`)
} else {
  console.log(`wrote ${output} and ${secretsDir} with fresh secrets; next: ${next}`)
}
