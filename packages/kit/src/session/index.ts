export * from './session-keys.js'
export * from './session-tokens.js'
// Kept in the declarations, so every importer sees @fastify/jwt's request and reply decorators.
export type { VerifyPayloadType } from '@fastify/jwt'
