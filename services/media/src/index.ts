export { mediaService, type MediaAppOptions } from './app.js'
export { MediaConfigSchema, loadMediaConfig, type MediaConfig } from './config.js'
