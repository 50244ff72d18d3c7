import type { FastifyRequest } from 'fastify'

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

/**
 * A query string or a form carries only strings (DESIGN §3: `married=1` is the
 * int 1, `want_job=true` is true). This turns them into the numbers and booleans
 * the schema asks for, and nothing else: validation runs without coercion, so a
 * JSON number where the schema wants a string, or an array where it wants a
 * scalar, is refused rather than quietly converted.
 */
export function convertFormValues (schema: JsonSchema | undefined, value: unknown): unknown {
  if (schema === undefined) return value
  if (typeof value === 'string') {
    const types = typesOf(schema)
    if (types.includes('string')) return value
    if (types.includes('integer') && INTEGER.test(value)) return Number(value)
    if (types.includes('number') && NUMBER.test(value)) return Number(value)
    if (types.includes('boolean') && value in BOOLEANS) return BOOLEANS[value]
    return value
  }
  if (Array.isArray(value)) return schema.items ? value.map((item) => convertFormValues(schema.items, item)) : value
  if (typeof value === 'object' && value !== null && schema.properties) {
    const converted: Record<string, unknown> = { ...value }
    for (const [name, property] of Object.entries(schema.properties)) {
      if (name in converted) converted[name] = convertFormValues(property, converted[name])
    }
    return converted
  }
  return value
}

const FORM = /^application\/x-www-form-urlencoded\b/i

/** The preValidation step every app runs: query strings, path parameters and form bodies. */
export async function convertRequestFormValues (request: FastifyRequest): Promise<void> {
  const schema = request.routeOptions.schema as Record<string, JsonSchema | undefined> | undefined
  if (!schema) return
  if (schema.querystring) request.query = convertFormValues(schema.querystring, request.query)
  if (schema.params) request.params = convertFormValues(schema.params, request.params)
  if (schema.body && FORM.test(request.headers['content-type'] ?? '')) request.body = convertFormValues(schema.body, request.body)
}
