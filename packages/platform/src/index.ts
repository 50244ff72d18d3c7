export { PlatformConfigSchema, loadPlatformConfig, sessionKeys, type PlatformConfig } from './config.js'
export { startPlatform, type Platform, type StartOptions } from './platform.js'
export { GENERATED_SECRETS, SECRETS_FILE, withGeneratedSecrets } from './generated-secrets.js'
