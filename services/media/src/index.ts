export { mediaService, type MediaAppOptions } from './app.js'
export { JS_DOMAINS_PATTERN, MediaConfigSchema, loadMediaConfig, type MediaConfig } from './config.js'
