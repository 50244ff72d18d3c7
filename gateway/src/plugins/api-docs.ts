import { readFileSync } from 'node:fs'
import fp from 'fastify-plugin'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { FastifyRequest } from 'fastify'
import { staticFileRoutes } from '@driver/kit'
import { ROUTE_TABLE, UPSTREAMS, type Upstream } from '../route-table.js'
import { cachedFor } from '../openapi/cached.js'
import type { OpenApiDocument } from '../openapi/document.js'
import { fetchDocument } from '../openapi/fetch-document.js'
import { DOCUMENT_TITLE, OPENAPI_VERSION, mergeDocuments, type ServiceDocument } from '../openapi/merge.js'

export interface ApiDocsOptions {
  upstreams: Record<Upstream, string>
  /** Signs the gateway's requests for the services' documents (GATEWAY_ASSERTION_SECRET). */
  assertionSecret: string
  /** Development routes are documented only when they are served. */
  devRoutes: boolean
  /** How long a merged document is reused, so a burst of visitors does not ask every service each time. */
  cacheMs?: number
  /** How long one service may take to hand over its document before it is left out. */
  fetchTimeoutMs?: number
}

const DEFAULT_CACHE_MS = 30_000
const DEFAULT_FETCH_TIMEOUT_MS = 2_000
const DOCS_PREFIX = '/docs'
/** The Swagger UI routes that answer with the document itself (the page loads `./json`). */
const UI_DOCUMENT_ROUTES = new Set([`${DOCS_PREFIX}/json`, `${DOCS_PREFIX}/yaml`])

// src/plugins and dist/plugins are both two levels below the package.
const packageJson = readFileSync(new URL('../../package.json', import.meta.url), 'utf8')
const { version } = JSON.parse(packageJson) as { version: string }

/**
 * `GET /openapi.json`: the services' own documents merged into the public
 * one; `/docs`: Swagger UI on it. Both are gateway routes, so the rate limit
 * applies to them like to any other.
 */
export const apiDocs = fp<ApiDocsOptions>(async (app, options) => {
  const routes = ROUTE_TABLE.filter((route) => !route.devOnly || options.devRoutes)
  const fetchTimeoutMs = options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS

  const mergedDocument = cachedFor(options.cacheMs ?? DEFAULT_CACHE_MS, async () => {
    const fetched = await Promise.all(UPSTREAMS.map(async (service) => ({
      service,
      result: await fetchDocument(options.upstreams[service], options.assertionSecret, fetchTimeoutMs)
    })))
    const documents: ServiceDocument[] = []
    const unavailable: Upstream[] = []
    for (const { service, result } of fetched) {
      if (result.ok) {
        documents.push({ service, document: result.document })
      } else {
        unavailable.push(service)
        app.log.warn({ upstream: service, reason: result.reason }, 'left a service out of the API document')
      }
    }
    return mergeDocuments({ routes, documents, unavailable, version })
  })

  app.get('/openapi.json', async () => mergedDocument())

  // Swagger UI serves `app.swagger()` synchronously, so @fastify/swagger holds a
  // static placeholder and each document request gets the merged document,
  // awaited in a hook, in its place.
  const placeholder: OpenApiDocument = {
    openapi: OPENAPI_VERSION, info: { title: DOCUMENT_TITLE, version }, paths: {}, components: {}, 'x-unavailable': []
  }
  const prepared = new WeakMap<FastifyRequest, OpenApiDocument>()
  await app.register(fastifySwagger, { mode: 'static', specification: { document: placeholder } })
  // In a scope of its own: a page load's files write their request lines at debug, the document at info.
  await app.register(async (docs) => {
    staticFileRoutes(docs, (url) => UI_DOCUMENT_ROUTES.has(url))
    await docs.register(fastifySwaggerUi, {
      routePrefix: DOCS_PREFIX,
      theme: { title: `${DOCUMENT_TITLE} API` },
      uiHooks: {
        preHandler: async (request) => {
          if (UI_DOCUMENT_ROUTES.has(request.routeOptions.url ?? '')) prepared.set(request, await mergedDocument())
        }
      },
      transformSpecification: (_placeholder, request) => prepared.get(request) ?? placeholder,
      transformSpecificationClone: false
    })
  })
}, { name: 'api-docs', dependencies: ['rate-limit'] })
