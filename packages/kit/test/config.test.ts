import t from 'tap'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { Type } from 'typebox'
import { CommonConfigSchema, ConfigError, loadConfig, RequiredInProduction } from '../src/index.js'

const Schema = Type.Object({
  ...CommonConfigSchema.properties,
  SECRET: Type.String({ minLength: 32 }),
  LIMIT: Type.Integer({ minimum: 1, default: 5 })
})

t.test('defaults fill what is not set and strings become numbers', async (t) => {
  const config = loadConfig(Schema, { SECRET: 'x'.repeat(32), PORT: '9090' })
  t.equal(config.PORT, 9090)
  t.equal(config.LIMIT, 5)
  t.equal(config.DATA_DIR, './data')
  t.equal(config.NODE_ENV, 'development')
  t.equal(config.MONGO_URL, undefined)
})

t.test('one error names every bad variable and never echoes a value', async (t) => {
  const secret = 'too-short-secret-value'
  const error = t.throws(() => loadConfig(Schema, { SECRET: secret, PORT: 'eighty', LOG_LEVEL: 'loud', AMQP_URL: 'http://x' })) as ConfigError
  t.type(error, ConfigError)
  t.same(error.variables, ['AMQP_URL', 'LOG_LEVEL', 'PORT', 'SECRET'])
  for (const name of error.variables) t.match(error.message, name)
  t.notMatch(error.message, secret)
})

t.test('a missing required variable is named', async (t) => {
  const error = t.throws(() => loadConfig(Schema, {})) as ConfigError
  t.same(error.variables, ['SECRET'])
  t.match(error.message, 'SECRET is required')
})

t.test('an empty variable counts as unset', async (t) => {
  const config = loadConfig(Schema, { SECRET: 'x'.repeat(32), MONGO_URL: '' })
  t.equal(config.MONGO_URL, undefined)
})

t.test('each problem says what the variable allows, in one block without a stack trace', async (t) => {
  const error = t.throws(() => loadConfig(Schema, { SECRET: 'short', PORT: '1.5', LOG_LEVEL: 'loud', AMQP_URL: 'http://x', MONGO_URL: 'x' })) as ConfigError
  t.same(error.problems, [
    'AMQP_URL must be a URL starting with amqp:// or amqps://',
    'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    'MONGO_URL must be a URL starting with mongodb:// or mongodb+srv://',
    'PORT must be an integer from 0 to 65535',
    'SECRET must be at least 32 characters'
  ])
  t.match(error.message, /^The configuration has 5 problems:\n {2}- AMQP_URL must/)
  const printed = inspect(error)
  t.notMatch(printed, /\n\s+at /, 'no stack frames')
  t.notMatch(printed, /code:|variables:/, 'no properties after the message')
  t.match(printed, 'LOG_LEVEL must be one of')
})

t.test('processes listen on loopback unless HOST says otherwise', async (t) => {
  t.equal(loadConfig(Schema, { SECRET: 'x'.repeat(32) }).HOST, '127.0.0.1')
  t.equal(loadConfig(Schema, { SECRET: 'x'.repeat(32), HOST: '0.0.0.0' }).HOST, '0.0.0.0')
})

const WithProductionRule = Type.Object({
  NODE_ENV: CommonConfigSchema.properties.NODE_ENV,
  LOG_LEVEL: CommonConfigSchema.properties.LOG_LEVEL,
  TOKEN: RequiredInProduction(Type.String({ minLength: 32 }))
})

t.test('a production-only rule is checked with every other variable, in the same message', async (t) => {
  t.equal(loadConfig(WithProductionRule, {}).TOKEN, undefined, 'optional in development')
  t.equal(loadConfig(WithProductionRule, { NODE_ENV: 'test' }).TOKEN, undefined, 'and in tests')
  const error = t.throws(() =>
    loadConfig(WithProductionRule, { NODE_ENV: 'production', LOG_LEVEL: 'loud' })) as ConfigError
  t.same(error.variables, ['LOG_LEVEL', 'TOKEN'])
  t.match(error.message, 'TOKEN is required when NODE_ENV=production (at least 32 characters)')
  t.equal(loadConfig(WithProductionRule, { NODE_ENV: 'production', TOKEN: 'x'.repeat(32) }).TOKEN, 'x'.repeat(32))
})

t.test('NAME_FILE gives a variable the contents of a file, as Docker secrets are mounted', async (t) => {
  const dir = t.testdir({ secret: `${'s'.repeat(40)}\n`, empty: '', port: '9000' })
  const config = loadConfig(Schema, { SECRET_FILE: join(dir, 'secret'), PORT_FILE: join(dir, 'port') })
  t.equal(config.SECRET, 's'.repeat(40), 'the final newline is not part of the value')
  t.equal(config.PORT, 9000, 'and it is converted like any value')

  const both = t.throws(() =>
    loadConfig(Schema, { SECRET: 'x'.repeat(32), SECRET_FILE: join(dir, 'secret') })) as ConfigError
  t.same(both.problems, ['SECRET and SECRET_FILE are both set; set one of them'])
  const unreadable = t.throws(() => loadConfig(Schema, { SECRET_FILE: join(dir, 'missing') })) as ConfigError
  t.same(unreadable.variables, ['SECRET'])
  t.match(unreadable.message, `SECRET_FILE names a file that cannot be read (${join(dir, 'missing')}: ENOENT)`)
  const empty = t.throws(() => loadConfig(Schema, { SECRET_FILE: join(dir, 'empty') })) as ConfigError
  t.match(empty.message, 'SECRET_FILE names an empty file')
  t.notMatch(both.message + unreadable.message, 's'.repeat(40), 'no value is echoed')
})

t.test('production requires the secret the gateway and the services share', async (t) => {
  const error = t.throws(() => loadConfig(CommonConfigSchema, { NODE_ENV: 'production' })) as ConfigError
  t.same(error.variables, ['GATEWAY_ASSERTION_SECRET'])
  t.match(error.message, 'GATEWAY_ASSERTION_SECRET is required when NODE_ENV=production (at least 32 characters)')
})
