import { Type, type Static, type TObject, type TProperties, type TSchema } from 'typebox'
import Value from 'typebox/value'

/** Variables every process reads; each service and the gateway extend this. */
export const CommonConfigSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('test'), Type.Literal('production')], { default: 'development' }),
  LOG_LEVEL: Type.Union([
    Type.Literal('fatal'), Type.Literal('error'), Type.Literal('warn'), Type.Literal('info'),
    Type.Literal('debug'), Type.Literal('trace'), Type.Literal('silent')
  ], { default: 'info' }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  MONGO_URL: Type.Optional(Type.String({ pattern: '^mongodb(\\+srv)?://' })),
  AMQP_URL: Type.Optional(Type.String({ pattern: '^amqps?://' })),
  SHUTDOWN_GRACE_MS: Type.Integer({ minimum: 0, default: 10_000 }),
  /** Calendar dates given by users (and daily limits) are days in this zone. */
  TIME_ZONE: Type.String({ minLength: 1, default: 'Asia/Shanghai' }),
  /** Shared by the gateway and the services: the gateway signs what it asserts, services check it. */
  GATEWAY_ASSERTION_SECRET: Type.Optional(Type.String({ minLength: 32 }))
})
export type CommonConfig = Static<typeof CommonConfigSchema>

/** A service's variables: the common ones, its own default port, and its own. */
export function serviceConfigSchema<P extends TProperties> (defaultPort: number, properties: P) {
  return Type.Object({
    ...CommonConfigSchema.properties,
    PORT: Type.Integer({ minimum: 0, maximum: 65535, default: defaultPort }),
    ...properties
  })
}

export class ConfigError extends Error {
  readonly code = 'KIT_CONFIG'
  constructor (readonly variables: string[], details: string[]) {
    super(`Invalid configuration: ${details.join('; ')}`)
  }
}

/**
 * Every shape a configuration may take: an object, or an intersection and union of
 * objects (`SMS_PROVIDER: 'aliyun'` with its own required variables), flattened.
 */
function variantsOf (schema: TSchema): TObject[] {
  if (Type.IsObject(schema)) return [schema]
  if (Type.IsUnion(schema)) return schema.anyOf.flatMap(variantsOf)
  if (Type.IsIntersect(schema)) {
    return schema.allOf.map(variantsOf).reduce<TObject[]>(
      (merged, parts) => merged.flatMap((left) => parts.map((right) => mergeObjects(left, right))),
      [Type.Object({})]
    )
  }
  throw new Error('a configuration schema is built from objects, unions and intersections')
}

function mergeObjects (left: TObject, right: TObject): TObject {
  const required = new Set([...(left.required ?? []), ...(right.required ?? [])])
  const properties = { ...left.properties, ...right.properties }
  return Type.Object(Object.fromEntries(Object.entries(properties).map(([name, property]) => [
    name, required.has(name) ? property : Type.Optional(property)
  ])))
}

interface Reading { value: Record<string, unknown>, names: string[], problems: string[], mismatchedLiterals: number }

/** Checks each variable on its own, so that one message can name all the bad ones. */
function read (schema: TObject, env: Record<string, string | undefined>): Reading {
  const raw: Record<string, string> = {}
  for (const name of Object.keys(schema.properties)) {
    const value = env[name]
    if (value !== undefined && value !== '') raw[name] = value
  }
  const value = Value.Convert(schema, Value.Default(schema, raw)) as Record<string, unknown>
  const required = new Set(schema.required ?? [])
  const reading: Reading = { value, names: [], problems: [], mismatchedLiterals: 0 }
  for (const [name, property] of Object.entries(schema.properties).sort(([a], [b]) => a.localeCompare(b))) {
    const given = value[name]
    const [error] = given === undefined ? [] : Value.Errors(property, given)
    if (given === undefined ? !required.has(name) : error === undefined) continue
    reading.names.push(name)
    reading.problems.push(error ? `${name} ${error.message}` : `${name} is required`)
    if (Type.IsLiteral(property)) reading.mismatchedLiterals++
  }
  return reading
}

/**
 * Reads the variables named by `schema` from `env`, applies defaults, converts
 * strings to the declared types and validates. Every bad variable is named in
 * one error, without echoing values (they may be secrets). Of a union, the
 * variant whose literal variables match is the one reported on.
 */
export function loadConfig<S extends TSchema> (schema: S, env: Record<string, string | undefined>): Static<S> {
  const readings = variantsOf(schema).map((variant) => read(variant, env))
  const [best] = readings.sort((a, b) => a.mismatchedLiterals - b.mismatchedLiterals || a.problems.length - b.problems.length)
  if (best === undefined) throw new Error('a configuration schema needs at least one variant')
  if (best.names.length > 0) throw new ConfigError(best.names, best.problems)
  return best.value as Static<S>
}

/** Splits a comma- or space-separated list variable. */
export function listOf (value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter((item) => item.length > 0)
}
