import { readFileSync } from 'node:fs'
import { Type, type Static, type TObject, type TProperties, type TSchema } from 'typebox'
import Value from 'typebox/value'

/** Marks a variable that is optional in development and tests but required when NODE_ENV=production. */
const PRODUCTION_ONLY = 'requiredInProduction'

/**
 * A variable that development and tests may leave unset (the process then makes do, for
 * example with a random secret per start) but production must set. The rule is checked
 * with every other variable, so it is part of the same single message.
 */
export function RequiredInProduction<T extends TSchema> (schema: T) {
  return Type.Optional(Object.assign(schema, { [PRODUCTION_ONLY]: true }))
}

/** Variables every process reads; each service and the gateway extend this. */
export const CommonConfigSchema = Type.Object({
  NODE_ENV: Type.Union([
    Type.Literal('development'), Type.Literal('test'), Type.Literal('production')
  ], { default: 'development' }),
  LOG_LEVEL: Type.Union([
    Type.Literal('fatal'), Type.Literal('error'), Type.Literal('warn'), Type.Literal('info'),
    Type.Literal('debug'), Type.Literal('trace'), Type.Literal('silent')
  ], { default: 'info' }),
  /** Loopback unless said otherwise: a deployment that must be reached from elsewhere sets HOST=0.0.0.0. */
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  MONGO_URL: Type.Optional(Type.String({ pattern: '^mongodb(\\+srv)?://' })),
  AMQP_URL: Type.Optional(Type.String({ pattern: '^amqps?://' })),
  SHUTDOWN_GRACE_MS: Type.Integer({ minimum: 0, default: 10_000 }),
  /** Calendar dates given by users (and daily limits) are days in this zone. */
  TIME_ZONE: Type.String({ minLength: 1, default: 'Asia/Shanghai' }),
  /** Where traces go (OTLP over HTTP, `<endpoint>/v1/traces`); unset, the process traces nothing. */
  OTEL_EXPORTER_OTLP_ENDPOINT: Type.Optional(Type.String({ pattern: '^https?://' })),
  /** Which traces are kept, as the OpenTelemetry specification names samplers. */
  OTEL_TRACES_SAMPLER: Type.Union([
    Type.Literal('always_on'), Type.Literal('always_off'), Type.Literal('traceidratio'),
    Type.Literal('parentbased_always_on'), Type.Literal('parentbased_always_off'),
    Type.Literal('parentbased_traceidratio')
  ], { default: 'parentbased_always_on' }),
  /** The share of traces kept by the `*traceidratio` samplers, from 0 to 1 (1 unless set). */
  OTEL_TRACES_SAMPLER_ARG: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  /** Shared by the gateway and the services: the gateway signs what it asserts, services check it. */
  GATEWAY_ASSERTION_SECRET: RequiredInProduction(Type.String({ minLength: 32 }))
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

/**
 * A process cannot start with this configuration. The message is the whole report, one
 * line per problem, so the error prints as a readable block (it carries no stack trace:
 * where in the code the check ran says nothing to whoever sets the variables).
 */
export class ConfigError extends Error {
  declare readonly code: 'KIT_CONFIG'
  /** The variables at fault, sorted. */
  declare readonly variables: string[]
  /** One sentence per problem, each starting with the variable's name. */
  declare readonly problems: string[]

  constructor (variables: string[], problems: string[]) {
    super(formatProblems(problems))
    for (const [key, value] of Object.entries({ name: 'ConfigError', code: 'KIT_CONFIG', variables, problems })) {
      Object.defineProperty(this, key, { value, enumerable: false, writable: true, configurable: true })
    }
    const stack = `ConfigError: ${this.message}`
    Object.defineProperty(this, 'stack', { value: stack, enumerable: false, writable: true, configurable: true })
  }
}

function formatProblems (problems: string[]): string {
  return [
    problems.length === 1 ? 'The configuration has a problem:' : `The configuration has ${problems.length} problems:`,
    ...problems.map((problem) => `  - ${problem}`),
    'Each is an environment variable (NAME, or NAME_FILE=<path> to read it from a file); .env.example lists them all.'
  ].join('\n')
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

/**
 * What a variable's schema allows, in words: `one of a, b`, `an integer from 0 to 65535`,
 * `a URL starting with amqp:// or amqps://`, `at least 32 characters`.
 */
export function describeAllowed (property: TSchema): string | undefined {
  const schema = property as TSchema & Record<string, unknown>
  if (Type.IsUnion(property) && property.anyOf.every((choice) => Type.IsLiteral(choice))) {
    return `one of ${property.anyOf.map((choice) => String((choice as { const: unknown }).const)).join(', ')}`
  }
  if (Type.IsLiteral(property)) return String((property as { const: unknown }).const)
  if (Type.IsInteger(property) || Type.IsNumber(property)) {
    const kind = Type.IsInteger(property) ? 'an integer' : 'a number'
    const { minimum, maximum } = schema as { minimum?: number, maximum?: number }
    if (minimum !== undefined && maximum !== undefined) return `${kind} from ${minimum} to ${maximum}`
    if (minimum !== undefined) return `${kind} of at least ${minimum}`
    if (maximum !== undefined) return `${kind} of at most ${maximum}`
    return kind
  }
  if (Type.IsString(property)) {
    const { pattern, minLength } = schema as { pattern?: string, minLength?: number }
    if (typeof pattern === 'string') {
      const prefixes = prefixesOf(pattern)
      if (prefixes?.every((prefix) => prefix.endsWith('://'))) return `a URL starting with ${prefixes.join(' or ')}`
      return prefixes ? `a value starting with ${prefixes.join(' or ')}` : `a value matching /${pattern}/`
    }
    if (typeof minLength === 'number' && minLength > 1) return `at least ${minLength} characters`
  }
  return undefined
}

/**
 * The literal beginnings a pattern like `^https?://` or `^mongodb(\+srv)?://` accepts
 * (`http://`, `https://`), or undefined for anything more involved.
 */
function prefixesOf (pattern: string): string[] | undefined {
  if (!pattern.startsWith('^')) return undefined
  let prefixes = ['']
  let rest = pattern.slice(1)
  const take = (piece: string) => {
    if (rest.startsWith('?', piece.length)) {
      prefixes = prefixes.flatMap((prefix) => [prefix, prefix + unescape(piece)])
      rest = rest.slice(piece.length + 1)
    } else {
      prefixes = prefixes.map((prefix) => prefix + unescape(piece))
      rest = rest.slice(piece.length)
    }
  }
  const unescape = (piece: string) => piece.replace(/^\(|\)$/g, '').replace(/\\(.)/g, '$1')
  while (rest.length > 0) {
    const group = /^\((?:\\.|[\w:/+.-])+\)/.exec(rest)
    const single = /^(?:\\.|[\w:/+.-])/.exec(rest)
    const piece = group?.[0] ?? single?.[0]
    if (piece === undefined) return undefined
    take(piece)
  }
  return prefixes
}

/** Integers are written in digits; `Value.Convert` alone would read `1.5` as 1. */
const INTEGER_TEXT = /^[+-]?\d+$/

interface Reading { value: Record<string, unknown>, names: string[], problems: string[], mismatchedLiterals: number }

/** A variable's text: `NAME`, or the contents of the file `NAME_FILE` names (Docker secrets). */
function textOf (
  name: string, env: Record<string, string | undefined>, fileProblems: Map<string, string>
): string | undefined {
  const value = env[name]
  const file = env[`${name}_FILE`]
  const given = value !== undefined && value !== ''
  if (file === undefined || file === '') return given ? value : undefined
  if (given) {
    fileProblems.set(name, `${name} and ${name}_FILE are both set; set one of them`)
    return undefined
  }
  try {
    const text = readFileSync(file, 'utf8').replace(/\r?\n$/, '')
    if (text === '') fileProblems.set(name, `${name}_FILE names an empty file (${file})`)
    return text === '' ? undefined : text
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'error'
    fileProblems.set(name, `${name}_FILE names a file that cannot be read (${file}: ${reason})`)
    return undefined
  }
}

/** Checks each variable on its own, so that one message can name all the bad ones. */
function read (schema: TObject, env: Record<string, string | undefined>): Reading {
  const raw: Record<string, string> = {}
  const fileProblems = new Map<string, string>()
  for (const name of Object.keys(schema.properties)) {
    const text = textOf(name, env, fileProblems)
    if (text !== undefined) raw[name] = text
  }
  const value = Value.Convert(schema, Value.Default(schema, { ...raw })) as Record<string, unknown>
  const required = new Set(schema.required ?? [])
  const production = value.NODE_ENV === 'production'
  const reading: Reading = { value, names: [], problems: [], mismatchedLiterals: 0 }
  for (const [name, property] of Object.entries(schema.properties).sort(([a], [b]) => a.localeCompare(b))) {
    const problem = fileProblems.get(name) ??
      problemOf(name, property, value[name], raw[name], required.has(name), production)
    if (problem === undefined) continue
    reading.names.push(name)
    reading.problems.push(problem)
    if (Type.IsLiteral(property)) reading.mismatchedLiterals++
  }
  return reading
}

function problemOf (
  name: string, property: TSchema, given: unknown, text: string | undefined, required: boolean, production: boolean
): string | undefined {
  const allowed = describeAllowed(property)
  if (given === undefined) {
    const inProduction = production && (property as Record<string, unknown>)[PRODUCTION_ONLY] === true
    if (!required && !inProduction) return undefined
    const when = inProduction ? ' when NODE_ENV=production' : ''
    return `${name} is required${when}${allowed ? ` (${allowed})` : ''}`
  }
  const integerText = Type.IsInteger(property) && text !== undefined && !INTEGER_TEXT.test(text.trim())
  const [error] = integerText ? [{ message: 'must be an integer' }] : Value.Errors(property, given)
  if (error === undefined) return undefined
  // A refinement words its own rule (`must list IP addresses or CIDRs`); otherwise the schema says what it allows.
  return allowed ? `${name} must be ${allowed}` : `${name} ${error.message}`
}

/**
 * Reads the variables named by `schema` from `env` (each also as `NAME_FILE`, a file
 * holding the value), applies defaults, converts strings to the declared types and
 * validates, production-only rules included. Every bad variable is named in one error,
 * with what it allows, without echoing values (they may be secrets). Of a union, the
 * variant whose literal variables match is the one reported on.
 */
export function loadConfig<S extends TSchema> (schema: S, env: Record<string, string | undefined>): Static<S> {
  const readings = variantsOf(schema).map((variant) => read(variant, env))
  const [best] = readings.sort((a, b) =>
    a.mismatchedLiterals - b.mismatchedLiterals || a.problems.length - b.problems.length)
  if (best === undefined) throw new Error('a configuration schema needs at least one variant')
  if (best.names.length > 0) throw new ConfigError(best.names, best.problems)
  return best.value as Static<S>
}

/** Splits a comma- or space-separated list variable. */
export function listOf (value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter((item) => item.length > 0)
}
