import { randomBytes, randomInt } from 'node:crypto'
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { ConfigError } from '@driver/kit'
import { generateSessionKeyPair } from '@driver/kit/session'

/** Where the all-in-one mode keeps the secrets it generated, under DATA_DIR. */
export const SECRETS_FILE = 'secrets.json'

/** The secrets the all-in-one mode makes up when the environment does not give them. */
export const GENERATED_SECRETS = [
  'SESSION_PRIVATE_KEY', 'SESSION_PUBLIC_KEY', 'GATEWAY_ASSERTION_SECRET', 'SMS_CODE_SECRET', 'TOKEN_SECRET',
  'WECHAT_PUSH_TOKEN', 'WECHAT_ENCODING_AES_KEY'
] as const
type GeneratedSecret = typeof GENERATED_SECRETS[number]
type Generated = Partial<Record<GeneratedSecret, string>>

type Env = Record<string, string | undefined>

const isSet = (env: Env, name: string): boolean => Boolean(env[name]) || Boolean(env[`${name}_FILE`])

/**
 * The environment with every secret it leaves unset taken from DATA_DIR/secrets.json,
 * which is created (mode 600) the first time and grows when a secret is added, so a
 * restart keeps the sessions, the codes in flight and everything signed. A secret the
 * environment sets (as NAME or NAME_FILE) is used instead, and the session keys go as
 * a pair: setting either one takes neither from the file.
 */
export async function withGeneratedSecrets (env: Env): Promise<Env> {
  const pairGiven = isSet(env, 'SESSION_PRIVATE_KEY') || isSet(env, 'SESSION_PUBLIC_KEY')
  const wanted = GENERATED_SECRETS.filter((name) => name.startsWith('SESSION_') ? !pairGiven : !isSet(env, name))
  if (wanted.length === 0) return env

  const dataDir = resolve(env.DATA_DIR || './data')
  const file = join(dataDir, SECRETS_FILE)
  const kept = await readSecrets(file)
  let changed = false
  if (wanted.some((name) => name.startsWith('SESSION_')) && !(kept.SESSION_PRIVATE_KEY && kept.SESSION_PUBLIC_KEY)) {
    const pair = generateSessionKeyPair()
    kept.SESSION_PRIVATE_KEY = pair.privateKey
    kept.SESSION_PUBLIC_KEY = pair.publicKey
    changed = true
  }
  for (const name of ['GATEWAY_ASSERTION_SECRET', 'SMS_CODE_SECRET', 'TOKEN_SECRET'] as const) {
    if (wanted.includes(name) && !kept[name]) {
      kept[name] = randomBytes(32).toString('hex')
      changed = true
    }
  }
  // WeChat's settings take letters and digits only: a Token of 3–32, an EncodingAESKey of exactly 43.
  for (const [name, length] of [['WECHAT_PUSH_TOKEN', 32], ['WECHAT_ENCODING_AES_KEY', 43]] as const) {
    if (wanted.includes(name) && !kept[name]) {
      kept[name] = alphanumeric(length)
      changed = true
    }
  }
  if (changed) await writeSecrets(dataDir, file, kept)
  return { ...env, ...Object.fromEntries(wanted.map((name) => [name, kept[name]])) }
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

function alphanumeric (length: number): string {
  return Array.from({ length }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join('')
}

async function readSecrets (file: string): Promise<Generated> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return {}
    throw new ConfigError(['DATA_DIR'], [`DATA_DIR holds ${file}, which cannot be read (${code ?? 'error'})`])
  }
  try {
    const parsed: unknown = JSON.parse(text)
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object')
    return Object.fromEntries(GENERATED_SECRETS.flatMap((name) => {
      const value = (parsed as Record<string, unknown>)[name]
      return typeof value === 'string' && value !== '' ? [[name, value]] : []
    }))
  } catch {
    throw new ConfigError(['DATA_DIR'], [
      `DATA_DIR holds ${file}, which is not the JSON this mode wrote; ` +
      'move it away to start with new secrets (everyone is logged out)'
    ])
  }
}

/** Written whole to a temporary file and renamed over the old one: never half a file. */
async function writeSecrets (dataDir: string, file: string, secrets: Generated): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 })
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 })
  await chmod(temporary, 0o600)
  await rename(temporary, file)
}
