// Writes a complete .env for `docker compose up`: every variable of .env.example, with fresh
// secrets, database and broker passwords and a session key pair filled in (file mode 600).
// What cannot be generated, the official account's app id and secret, the login callback and
// the MeFP portal's address, key and IV, is taken from this script's environment: any variable
// .env.example lists and the environment sets is written with the environment's value.
//
//   WECHAT_APPID=wx… WECHAT_SECRET=… WECHAT_OAUTH_CALLBACK_URL=https://h5.example.com/wx/auth/callback \
//     node scripts/env-file.mjs [--output <path>] [--force]
//
// An existing file is kept unless --force: MongoDB and RabbitMQ keep the users they were first
// started with, and a new session key pair logs everyone out.
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync, chmodSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/** The values this script makes up; every other variable keeps the example's value. */
function freshSecrets () {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const pem = (key, type) => `"${key.export({ type, format: 'pem' }).toString().trim().replaceAll('\n', '\\n')}"`
  const hex = (bytes) => randomBytes(bytes).toString('hex')
  return {
    GATEWAY_ASSERTION_SECRET: hex(32),
    SESSION_PRIVATE_KEY: pem(privateKey, 'pkcs8'),
    SESSION_PUBLIC_KEY: pem(publicKey, 'spki'),
    SMS_CODE_SECRET: hex(32),
    TOKEN_SECRET: hex(32),
    MONGO_PASSWORD: hex(16),
    RABBITMQ_PASSWORD: hex(16)
  }
}

/** A value as compose's .env reads it: double-quoted when it holds anything but plain characters. */
function quoted (value) {
  if (/^[\w.,:/@+-]*$/.test(value)) return value
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`
}

function argument (name) {
  const at = process.argv.indexOf(name)
  return at === -1 ? undefined : process.argv[at + 1]
}

const output = resolve(argument('--output') ?? `${root}/.env`)
if (existsSync(output) && !process.argv.includes('--force')) {
  console.error(`${output} exists and is kept: MongoDB and RabbitMQ keep the passwords they were first started with, ` +
    'and new session keys log everyone out. Pass --force to replace it.')
  process.exit(1)
}

/** Required by docker-compose.yml, and only their owner knows them. */
const FROM_THE_OPERATOR = [
  'WECHAT_APPID', 'WECHAT_SECRET', 'WECHAT_OAUTH_CALLBACK_URL', 'MEFP_URL', 'MEFP_SECRET', 'APP_SECRET'
]

const secrets = freshSecrets()
const example = readFileSync(`${root}/.env.example`, 'utf8').split('\n')
// The example's opening comment is about writing this file; the file says where it came from.
const body = example.slice(example.findIndex((line) => line.trim() === ''))
const lines = body.map((line) => {
  const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line)
  if (!match) return line
  const given = process.env[match[1]]
  if (!(match[1] in secrets)) return given ? `${match[1]}=${quoted(given)}` : line
  if (match[2] !== '') {
    throw new Error(`.env.example gives ${match[1]} a value; a secret there would be shared by every deployment`)
  }
  return `${match[1]}=${secrets[match[1]]}`
})
const missing = Object.keys(secrets).filter((name) => !lines.some((line) => line.startsWith(`${name}=`)))
if (missing.length > 0) throw new Error(`.env.example does not list ${missing.join(', ')}`)

const header = [
  `# Written by \`node scripts/env-file.mjs\` on ${new Date().toISOString().slice(0, 10)} for docker compose; ` +
    '.env.example explains',
  '# each variable. Keep this file private (it is in .gitignore): it holds the platform\'s secrets.'
]
writeFileSync(output, [...header, ...lines].join('\n'), { mode: 0o600 })
chmodSync(output, 0o600)
const empty = FROM_THE_OPERATOR.filter((name) => lines.includes(`${name}=`))
if (empty.length > 0) {
  console.log(`wrote ${output} with fresh secrets; fill in ${empty.join(', ')} ` +
    '(the official account\'s and MeFP\'s, see .env.example), then: docker compose up --build')
} else {
  console.log(`wrote ${output} with fresh secrets; next: docker compose up --build`)
}
