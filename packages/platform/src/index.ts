export { PlatformConfigSchema, loadPlatformConfig, sessionKeys, type PlatformConfig } from './config.js'
export { startPlatform, type Platform } from './platform.js'
