import { Type, type Static } from 'typebox'
import Value from 'typebox/value'

export type JsonObject = { [key: string]: unknown }

/**
 * The least a service's answer must be for its paths to be merged: an
 * OpenAPI 3 document with an object of path items. Anything else counts as
 * garbage and the service is left out rather than breaking the whole document.
 */
export const UpstreamDocumentSchema = Type.Object({
  openapi: Type.String({ pattern: '^3\\.' }),
  info: Type.Optional(Type.Object({ version: Type.Optional(Type.String()) })),
  paths: Type.Record(Type.String(), Type.Record(Type.String(), Type.Unknown())),
  components: Type.Optional(Type.Record(Type.String(), Type.Record(Type.String(), Type.Unknown()))),
  tags: Type.Optional(Type.Array(Type.Object({ name: Type.String() })))
})
export type UpstreamDocument = Static<typeof UpstreamDocumentSchema>

/**
 * Deeper than any real document; the merge walks documents recursively and
 * the answer is serialised recursively, so a deeper one could overflow the stack.
 */
const MAX_DEPTH = 64

export function isUpstreamDocument (value: unknown): value is UpstreamDocument {
  return Value.Check(UpstreamDocumentSchema, value) && nestedAtMost(value, MAX_DEPTH)
}

/** Checked without recursion, so that the check itself cannot overflow. */
function nestedAtMost (value: unknown, maxDepth: number): boolean {
  const pending: Array<{ value: unknown, depth: number }> = [{ value, depth: 0 }]
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue
    if (next.depth >= maxDepth) return false
    for (const child of Object.values(next.value)) pending.push({ value: child, depth: next.depth + 1 })
  }
  return true
}

/** The merged document the gateway publishes. */
export interface OpenApiDocument {
  openapi: string
  info: { title: string, version: string, description?: string }
  servers?: Array<{ url: string, description?: string }>
  tags?: Array<{ name: string } & JsonObject>
  paths: Record<string, JsonObject>
  components: Record<string, Record<string, unknown>>
  /** Services whose document could not be had: their paths are missing. */
  'x-unavailable': string[]
}

export function isJsonObject (value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
