import t from 'tap'
import { Type } from 'typebox'
import { CommonConfigSchema, ConfigError, loadConfig } from '../src/index.js'

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
