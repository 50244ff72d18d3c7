import fp from 'fastify-plugin'
import fastifySwagger from '@fastify/swagger'

export interface ApiDocsOptions {
  service: string
  description: string
}

/**
 * The service's OpenAPI 3 document, generated from its route schemas and served
 * at `GET /openapi.json`; the gateway merges the public part of every service's.
 * It names routes the gateway does not publish, so like every route but health
 * and readiness it answers only requests the gateway signed (trust-gateway.ts).
 * Registered before the routes, so it sees them all.
 */
export const apiDocs = fp<ApiDocsOptions>(async (app, { service, description }) => {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: `${service} service`, description, version: '1.0.0' }
    }
  })
  app.get('/openapi.json', { logLevel: 'warn', schema: { hide: true } }, async () => app.swagger())
}, { name: 'api-docs' })
