export { PlatformConfigSchema, loadPlatformConfig, sessionKeys, type PlatformConfig } from './config.js'
export { startPlatform, type Platform } from './platform.js'
export { KEPT_SECRETS, KEPT_SECRETS_FILE, withKeptSecrets } from './kept-secrets.js'
