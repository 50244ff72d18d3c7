import fp from 'fastify-plugin'
import fastifySwagger from '@fastify/swagger'

export interface ApiDocsOptions {
  service: string
  description: string
}

/**
 * The service's OpenAPI 3 document, generated from its route schemas and served
 * at `GET /openapi.json`; the gateway merges the public part of every service's.
 * Registered before the routes, so it sees them all.
 */
export const apiDocs = fp<ApiDocsOptions>(async (app, { service, description }) => {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: `${service} service`, description, version: '1.0.0' }
    }
  })
  const unlisted = { logLevel: 'warn', schema: { hide: true }, config: { unasserted: true } } as const
  app.get('/openapi.json', unlisted, async () => app.swagger())
}, { name: 'api-docs' })
