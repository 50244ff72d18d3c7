import t from 'tap'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ConfigError } from '@driver/kit'
import { loadPlatformConfig } from '../src/config.js'
import { GENERATED_SECRETS, withGeneratedSecrets } from '../src/generated-secrets.js'

t.test('the all-in-one mode generates its secrets once, under DATA_DIR, mode 600', async (t) => {
  const dataDir = join(t.testdir(), 'data')
  const first = await withGeneratedSecrets({ DATA_DIR: dataDir })
  for (const name of GENERATED_SECRETS) t.ok(first[name], `${name} is generated`)
  const file = join(dataDir, 'secrets.json')
  t.equal(statSync(file).mode & 0o777, 0o600, 'only the owner reads the file')
  t.equal(statSync(dataDir).mode & 0o777, 0o700, 'nor the folder it created')
  const again = await withGeneratedSecrets({ DATA_DIR: dataDir })
  t.same(
    GENERATED_SECRETS.map((name) => again[name]),
    GENERATED_SECRETS.map((name) => first[name]),
    'a restart keeps them, so sessions and codes outlive it'
  )
  t.match(first.SESSION_PRIVATE_KEY, /^-----BEGIN PRIVATE KEY-----/)
})

t.test('a secret the environment sets is used, and not written', async (t) => {
  const dataDir = t.testdir()
  const given = 'g'.repeat(40)
  const env = await withGeneratedSecrets({ DATA_DIR: dataDir, SMS_CODE_SECRET: given })
  t.equal(env.SMS_CODE_SECRET, given)
  t.notOk(JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).SMS_CODE_SECRET, 'not kept')
  const fromFile = await withGeneratedSecrets(
    { DATA_DIR: dataDir, GATEWAY_ASSERTION_SECRET_FILE: '/run/secrets/assertion' }
  )
  t.equal(fromFile.GATEWAY_ASSERTION_SECRET, undefined, 'NAME_FILE counts as set; the configuration reads the file')
})

t.test('the session keys go as a pair: setting one takes neither from the file', async (t) => {
  const dataDir = t.testdir()
  const env = await withGeneratedSecrets({ DATA_DIR: dataDir, SESSION_PUBLIC_KEY: 'x' })
  t.equal(env.SESSION_PRIVATE_KEY, undefined)
  t.equal(env.SESSION_PUBLIC_KEY, 'x')
})

t.test('a file this mode did not write stops the start, naming DATA_DIR', async (t) => {
  const dataDir = t.testdir({ 'secrets.json': 'not json' })
  await t.rejects(withGeneratedSecrets({ DATA_DIR: dataDir }), { code: 'KIT_CONFIG', variables: ['DATA_DIR'] })
})

t.test('in production, the generated secrets satisfy the rules production sets', async (t) => {
  const bare = t.throws(() => loadPlatformConfig({ NODE_ENV: 'production' })) as ConfigError
  for (const name of [
    'SESSION_PRIVATE_KEY',
    'SMS_CODE_SECRET'
  ]) t.ok(bare.variables.includes(name), `${name} is named in the one message`)
  for (const name of [
    'WECHAT_APPID',
    'WECHAT_SECRET'
  ]) t.ok(bare.variables.includes(name), `${name} is named too: the official account is the operator's to give`)
  for (const name of [
    'MEFP_URL',
    'MEFP_SECRET',
    'APP_SECRET'
  ]) t.ok(bare.variables.includes(name), `${name} is named too: MeFP's are its operators' to give`)
  // What no process can make up: the official account, the address WeChat sends logins back to, and MeFP.
  const given = {
    WECHAT_APPID: 'wx0123456789abcdef', WECHAT_SECRET: 'official-account-secret',
    WECHAT_OAUTH_CALLBACK_URL: 'https://h5.example.com/wx/auth/callback', MEFP_URL: 'https://mefp.example.com',
    MEFP_SECRET: 'mefp-aes-key-of-exactly-32-bytes', APP_SECRET: 'mefp-iv-16-bytes'
  }
  const config = loadPlatformConfig(
    await withGeneratedSecrets({ NODE_ENV: 'production', DATA_DIR: t.testdir(), ...given })
  )
  t.ok(config.SMS_CODE_SECRET)
  t.ok(config.TOKEN_SECRET, 'the /users token secret is kept too')
})

t.test('an unreadable secrets file names its path', async (t) => {
  const dataDir = t.testdir()
  writeFileSync(join(dataDir, 'secrets.json'), '[]')
  await t.rejects(
    withGeneratedSecrets({ DATA_DIR: dataDir }),
    { message: /secrets\.json, which is not the JSON this mode wrote/ }
  )
})
