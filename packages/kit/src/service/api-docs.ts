import fp from 'fastify-plugin'
import fastifySwagger from '@fastify/swagger'

/** An OpenAPI 3 security scheme a service checks itself: a bearer token or a key in a header or query. */
export type SecurityScheme =
  | { type: 'http', scheme: 'bearer', bearerFormat?: string, description?: string }
  | { type: 'apiKey', in: 'header' | 'query' | 'cookie', name: string, description?: string }

export interface ApiDocsOptions {
  service: string
  description: string
  /** The credentials the service itself checks, named by its routes' `security`. */
  securitySchemes?: Record<string, SecurityScheme>
}

/**
 * The service's OpenAPI 3 document, generated from its route schemas and served
 * at `GET /openapi.json`; the gateway merges the public part of every service's.
 * It names routes the gateway does not publish, so like every route but health
 * and readiness it answers only requests the gateway signed (trust-gateway.ts).
 * Registered before the routes, so it sees them all.
 */
export const apiDocs = fp<ApiDocsOptions>(async (app, { service, description, securitySchemes }) => {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: `${service} service`, description, version: '1.0.0' },
      ...(securitySchemes ? { components: { securitySchemes } } : {})
    }
  })
  app.get('/openapi.json', { logLevel: 'warn', schema: { hide: true } }, async () => app.swagger())
}, { name: 'api-docs' })
