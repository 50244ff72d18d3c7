export * from './codec.js'
export * from './wire-format.js'
