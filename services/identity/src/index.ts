export { identityService, type IdentityAppOptions } from './app.js'
export { IdentityConfigSchema, loadIdentityConfig, type IdentityConfig } from './config.js'
