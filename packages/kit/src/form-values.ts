import type { FastifyRequest } from 'fastify'
import { refuseComplexQuery } from './form-parser.js'

type JsonSchema = {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  items?: JsonSchema
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
}

const INTEGER = /^-?\d{1,15}$/
const NUMBER = /^-?\d{1,15}(\.\d{1,15})?$/
const BOOLEANS: Record<string, boolean> = { true: true, false: false, 1: true, 0: false }

function typesOf (schema: JsonSchema): string[] {
  const own = schema.type === undefined ? [] : [schema.type].flat()
  return [...own, ...[...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].flatMap(typesOf)]
}

/** An empty form field for a number, a boolean or a list: the user left it blank. */
const isBlankFor = (types: string[], value: unknown): boolean =>
  value === '' && types.length > 0 && !types.includes('string')

/**
 * A query string or a form carries only strings (DESIGN §3: `married=1` is the
 * int 1, `want_job=true` is true). This turns them into the numbers and booleans
 * the schema asks for, and nothing else: validation runs without coercion, so a
 * JSON number where the schema wants a string, or an array where it wants a
 * scalar, is refused rather than quietly converted. Two form habits are kept:
 * a field sent once where the schema wants a list is a list of one
 * (`expected_salary=5000`), and a blank field that cannot be a string is as if
 * it were not sent (an empty `<select>` for `married`).
 */
export function convertFormValues (schema: JsonSchema | undefined, value: unknown): unknown {
  if (schema === undefined) return value
  if (typeof value === 'string') {
    const types = typesOf(schema)
    if (types.includes('string')) return value
    if (types.includes('integer') && INTEGER.test(value)) return Number(value)
    if (types.includes('number') && NUMBER.test(value)) return Number(value)
    if (types.includes('boolean') && value in BOOLEANS) return BOOLEANS[value]
    if (types.includes('array') && value !== '') return convertFormValues(schema, [value])
    return value
  }
  if (Array.isArray(value)) {
    if (!schema.items) return value
    const items = schema.items
    return value.filter((item) => !isBlankFor(typesOf(items), item)).map((item) => convertFormValues(items, item))
  }
  if (typeof value === 'object' && value !== null && schema.properties) {
    const converted: Record<string, unknown> = { ...value }
    for (const [name, property] of Object.entries(schema.properties)) {
      if (!(name in converted)) continue
      if (isBlankFor(typesOf(property), converted[name])) delete converted[name]
      else converted[name] = convertFormValues(property, converted[name])
    }
    return converted
  }
  return value
}

const FORM = /^application\/x-www-form-urlencoded\b/i

/** The preValidation step every app runs: query strings, path parameters and form bodies. */
export async function convertRequestFormValues (request: FastifyRequest): Promise<void> {
  refuseComplexQuery(request.query)
  const schema = request.routeOptions.schema as Record<string, JsonSchema | undefined> | undefined
  if (!schema) return
  if (schema.querystring) request.query = convertFormValues(schema.querystring, request.query)
  if (schema.params) request.params = convertFormValues(schema.params, request.params)
  if (schema.body && FORM.test(request.headers['content-type'] ?? '')) {
    request.body = convertFormValues(schema.body, request.body)
  }
}
