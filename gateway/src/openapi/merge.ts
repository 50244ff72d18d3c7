import { CLIENT_IP_HEADER, WX_USER_HEADER } from '@driver/kit'
import type { ProxyRoute, Upstream } from '../route-table.js'
import { isJsonObject, type JsonObject, type OpenApiDocument, type UpstreamDocument } from './document.js'
import { SERVICE_TAGS, SESSION_SCHEMES, applyGatewayRules } from './operation-rules.js'
import { forEachRef, formatComponentRef, mapRefs, parseComponentRef } from './refs.js'

export interface ServiceDocument {
  service: Upstream
  document: UpstreamDocument
}

export interface MergeInput {
  /** The routes the gateway publishes: development routes already left out when they are off. */
  routes: readonly ProxyRoute[]
  /** The documents the services handed over, in a fixed order so the result is stable. */
  documents: readonly ServiceDocument[]
  /** Services whose document could not be had. */
  unavailable: readonly Upstream[]
  version: string
}

export const DOCUMENT_TITLE = 'Driver platform'
/** What @fastify/swagger emits by default, so the services' schemas need no conversion. */
export const OPENAPI_VERSION = '3.0.3'

const DESCRIPTION = [
  'The public API of the driver platform, as the gateway serves it: `/wx/*` for the WeChat H5 site,',
  '`/users/*` for logistics apps and MeFP. `/wx/*` answers business and validation failures with 200',
  'and `{"message": "<reason>", "code": "<CODE>"}`; `/users/*` uses real statuses and',
  '`{"result": 0, "msg": "<reason>", "code": "<CODE>"}`. Every route is rate limited per client IP (429).',
  'Merged from each service\'s own document; a service listed in `x-unavailable` did not hand its',
  'document over, so its paths are missing for now.'
].join(' ')

const OPERATION_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'])

/** A client cannot set these: the gateway always overwrites them. */
const GATEWAY_HEADERS = new Set([WX_USER_HEADER, CLIENT_IP_HEADER])

/** Relative, so Swagger UI calls the gateway that served the document, whatever its address. */
const SERVERS = [{ url: '/', description: 'this gateway' }]

/** Longest prefix wins, as in the gateway's router; a prefix covers itself and everything below it. */
export function routeForPath (routes: readonly ProxyRoute[], path: string): ProxyRoute | undefined {
  let best: ProxyRoute | undefined
  for (const route of routes) {
    if (path !== route.prefix && !path.startsWith(`${route.prefix}/`)) continue
    if (!best || route.prefix.length > best.prefix.length) best = route
  }
  return best
}

/** Section → name → definition. */
type Components = Map<string, Map<string, unknown>>

interface PublishedPart {
  service: Upstream
  paths: Array<[string, JsonObject]>
  components: Components
  /** The service's own schemes its published operations name (identity's `/users` token). */
  securitySchemes: Map<string, unknown>
}

/**
 * One document for the whole platform from the services' own ones: only the
 * paths the gateway routes to that very service, with the gateway's rules on
 * top (sessions, the MeFP allow-list); components they use, renamed per
 * service where two services mean different things by one name.
 */
export function mergeDocuments ({ routes, documents, unavailable, version }: MergeInput): OpenApiDocument {
  const parts = documents.map(({ service, document }) => publishService(service, document, routes))
  const names = componentNames(parts)

  const paths: Array<[string, JsonObject]> = []
  const components: Components = new Map()
  const securitySchemes = new Map<string, unknown>(Object.entries(SESSION_SCHEMES))
  for (const part of parts) {
    const own = names.get(part.service) ?? new Map<string, string>()
    const rename = (ref: string): string => {
      const target = parseComponentRef(ref)
      const renamed = target && own.get(componentKey(target.section, target.name))
      return target && renamed && renamed !== target.name ? formatComponentRef({ ...target, name: renamed }) : ref
    }
    for (const [path, item] of part.paths) paths.push([path, mapRefs(item, rename)])
    for (const [section, definitions] of part.components) {
      const merged = components.get(section) ?? new Map<string, unknown>()
      components.set(section, merged)
      for (const [name, definition] of definitions) {
        const finalName = own.get(componentKey(section, name)) ?? name
        // Equal definitions under one name are kept once.
        if (!merged.has(finalName)) merged.set(finalName, mapRefs(definition, rename))
      }
    }
    for (const [name, scheme] of part.securitySchemes) if (!securitySchemes.has(name)) securitySchemes.set(name, scheme)
  }

  const document: OpenApiDocument = {
    openapi: OPENAPI_VERSION,
    info: { title: DOCUMENT_TITLE, version, description: DESCRIPTION },
    servers: SERVERS,
    tags: parts.map(({ service }) => ({ name: service, description: SERVICE_TAGS[service] })),
    paths: Object.fromEntries(paths.sort(([a], [b]) => compare(a, b))),
    components: {
      ...Object.fromEntries([...components].sort(([a], [b]) => compare(a, b)).map(([section, definitions]) =>
        [section, Object.fromEntries([...definitions].sort(([a], [b]) => compare(a, b)))])),
      securitySchemes: Object.fromEntries(securitySchemes)
    },
    'x-unavailable': [...unavailable]
  }
  return document
}

function publishService (service: Upstream, document: UpstreamDocument, routes: readonly ProxyRoute[]): PublishedPart {
  const ownSchemes = document.components?.securitySchemes ?? {}
  const paths: Array<[string, JsonObject]> = []
  const securitySchemes = new Map<string, unknown>()
  for (const [path, item] of Object.entries(document.paths)) {
    const route = routeForPath(routes, path)
    // A path the gateway sends elsewhere (or nowhere: health, the service's own document) is not this
    // service's to publish.
    if (!route || route.upstream !== service) continue
    const published = publishPathItem(item, route, path, ownSchemes)
    if (!published) continue
    paths.push([path, published])
    for (const name of schemesNamed(published)) securitySchemes.set(name, ownSchemes[name])
  }
  return { service, paths, components: reachableComponents(paths, document.components ?? {}), securitySchemes }
}

function publishPathItem (
  item: Record<string, unknown>, route: ProxyRoute, path: string, ownSchemes: Record<string, unknown>
): JsonObject | undefined {
  const published: JsonObject = {}
  if (typeof item.summary === 'string') published.summary = item.summary
  if (typeof item.description === 'string') published.description = item.description
  if (Array.isArray(item.parameters)) published.parameters = item.parameters.filter(isClientParameter)
  let operations = 0
  for (const [method, operation] of Object.entries(item)) {
    if (!OPERATION_METHODS.has(method) || !isJsonObject(operation)) continue
    published[method] = publishOperation(operation, route, method, path, ownSchemes)
    operations++
  }
  return operations > 0 ? published : undefined
}

function publishOperation (
  operation: JsonObject, route: ProxyRoute, method: string, path: string, ownSchemes: Record<string, unknown>
): JsonObject {
  // A service's servers say how the gateway reaches it, not how a client does; its security is kept only
  // when it names credentials the service itself checks and describes (a `/users` token).
  const { servers: _servers, security, ...published } = operation
  const clientSecurity = Array.isArray(security) && security.length > 0 &&
    security.every((requirement) => isJsonObject(requirement) &&
      Object.keys(requirement).every((name) => isJsonObject(ownSchemes[name])))
  if (clientSecurity) published.security = security
  if (Array.isArray(operation.parameters)) published.parameters = operation.parameters.filter(isClientParameter)
  const responses: JsonObject = isJsonObject(operation.responses) ? { ...operation.responses } : {}
  return applyGatewayRules(published, route, method, path, responses)
}

/** The security schemes a path item's operations name. */
function schemesNamed (item: JsonObject): string[] {
  const names = new Set<string>()
  for (const operation of Object.values(item)) {
    if (!isJsonObject(operation) || !Array.isArray(operation.security)) continue
    for (const requirement of operation.security) {
      if (isJsonObject(requirement)) for (const name of Object.keys(requirement)) names.add(name)
    }
  }
  return [...names].filter((name) => !Object.hasOwn(SESSION_SCHEMES, name))
}

function isClientParameter (parameter: unknown): boolean {
  if (!isJsonObject(parameter) || parameter.in !== 'header' || typeof parameter.name !== 'string') return true
  return !GATEWAY_HEADERS.has(parameter.name.toLowerCase())
}

/** The components the published paths use, directly or through other components. */
function reachableComponents (
  paths: Array<[string, JsonObject]>,
  available: Record<string, Record<string, unknown>>
): Components {
  const reached: Components = new Map()
  const pending: unknown[] = paths.map(([, item]) => item)
  while (pending.length > 0) {
    forEachRef(pending.pop(), (ref) => {
      const target = parseComponentRef(ref)
      // The gateway states the security schemes itself; a service's are not copied.
      if (!target || target.section === 'securitySchemes' || !Object.hasOwn(available, target.section)) return
      const section = available[target.section] ?? {}
      if (!Object.hasOwn(section, target.name)) return
      const names = reached.get(target.section) ?? new Map<string, unknown>()
      reached.set(target.section, names)
      if (names.has(target.name)) return
      names.set(target.name, section[target.name])
      pending.push(section[target.name])
    })
  }
  return reached
}

function componentKey (section: string, name: string): string {
  return `${section}/${name}`
}

/**
 * Per service, the name each of its components is published under: its own,
 * unless another service defines the same name differently (@fastify/swagger
 * names every shared schema `def-<n>`); then every definer's copy is prefixed
 * with its service's name.
 */
function componentNames (parts: readonly PublishedPart[]): Map<Upstream, Map<string, string>> {
  const definers = new Map<string, Array<{ service: Upstream, name: string, definition: unknown }>>()
  for (const part of parts) {
    for (const [section, definitions] of part.components) {
      for (const [name, definition] of definitions) {
        const key = componentKey(section, name)
        definers.set(key, [...(definers.get(key) ?? []), { service: part.service, name, definition }])
      }
    }
  }
  const names = new Map<Upstream, Map<string, string>>(parts.map((part) => [part.service, new Map<string, string>()]))
  for (const [key, list] of definers) {
    const clash = new Set(list.map(({ definition }) => canonicalJson(definition))).size > 1
    for (const { service, name } of list) names.get(service)?.set(key, clash ? `${service}_${name}` : name)
  }
  return names
}

/** JSON with object keys sorted, so equal definitions compare equal whatever their key order. */
function canonicalJson (value: unknown): string {
  return JSON.stringify(value, (_key, child: unknown) => isJsonObject(child)
    ? Object.fromEntries(Object.entries(child).sort(([a], [b]) => compare(a, b)))
    : child)
}

function compare (a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
