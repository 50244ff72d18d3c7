import { InvalidNameError } from './errors.js'

// Safe as a MongoDB database name and as a directory name on every platform.
const SERVICE = /^[A-Za-z0-9_-]{1,63}$/
// Safe as a MongoDB collection name and as a file name; no leading dot, no `system.` namespace.
const COLLECTION = /^(?!system\.)[A-Za-z0-9_][A-Za-z0-9_.-]{0,119}$/

export function assertServiceName (name: string): void {
  if (!SERVICE.test(name)) throw new InvalidNameError('service', name)
}

export function assertCollectionName (name: string, kind = 'collection'): void {
  if (!COLLECTION.test(name) || name.includes('..')) throw new InvalidNameError(kind, name)
}
