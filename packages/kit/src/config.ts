import { Type, type Static, type TObject } from 'typebox'
import Value from 'typebox/value'

/** Variables every process reads; each service and the gateway extend this. */
export const CommonConfigSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('test'), Type.Literal('production')], { default: 'development' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info' }
  ),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  MONGO_URL: Type.Optional(Type.String({ pattern: '^mongodb(\\+srv)?://' })),
  AMQP_URL: Type.Optional(Type.String({ pattern: '^amqps?://' })),
  SHUTDOWN_GRACE_MS: Type.Integer({ minimum: 0, default: 10_000 }),
  /** Calendar dates given by users (and daily limits) are days in this zone. */
  TIME_ZONE: Type.String({ minLength: 1, default: 'Asia/Shanghai' })
})
export type CommonConfig = Static<typeof CommonConfigSchema>

export class ConfigError extends Error {
  readonly code = 'KIT_CONFIG'
  constructor (readonly variables: string[], details: string[]) {
    super(`Invalid configuration: ${details.join('; ')}`)
  }
}

/**
 * Reads the variables named by `schema` from `env`, applies defaults, converts
 * strings to the declared types and validates. Every bad variable is named in
 * one error, without echoing values (they may be secrets).
 */
export function loadConfig<S extends TObject> (schema: S, env: Record<string, string | undefined>): Static<S> {
  const raw: Record<string, string> = {}
  for (const name of Object.keys(schema.properties)) {
    const value = env[name]
    if (value !== undefined && value !== '') raw[name] = value
  }
  const converted = Value.Convert(schema, Value.Default(schema, raw)) as Record<string, unknown>

  // Each variable is checked on its own so that one message can name all the bad ones.
  const required = new Set(schema.required ?? [])
  const problems: string[] = []
  const names: string[] = []
  for (const [name, property] of Object.entries(schema.properties).sort(([a], [b]) => a.localeCompare(b))) {
    const value = converted[name]
    if (value === undefined) {
      if (required.has(name)) {
        names.push(name)
        problems.push(`${name} is required`)
      }
      continue
    }
    const [error] = Value.Errors(property, value)
    if (error) {
      names.push(name)
      problems.push(`${name} ${error.message}`)
    }
  }
  if (names.length > 0) throw new ConfigError(names, problems)
  return converted as Static<S>
}

/** Splits a comma- or space-separated list variable. */
export function listOf (value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter((item) => item.length > 0)
}
