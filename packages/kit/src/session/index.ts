export * from './session-keys.js'
export * from './session-tokens.js'
