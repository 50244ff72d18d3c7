/**
 * Every failure the store produces on purpose: a class to `instanceof` and a stable `code`
 * (other packages match on the code string, so it never changes).
 */
export class StoreError extends Error {
  readonly code: string

  constructor (code: string, message: string, options?: ErrorOptions) {
    super(message, options)
    this.code = code
    this.name = new.target.name
  }
}

/** A unique index refused the write; raised the same way by both adapters. */
export class DuplicateKeyError extends StoreError {
  /** The colliding key, when the adapter knows it (nedb gives the value, MongoDB the `{ field: value }`). */
  readonly key: unknown

  constructor (collection: string, key: unknown, options?: ErrorOptions) {
    super('STORE_DUPLICATE_KEY', `duplicate key in collection "${collection}"`, options)
    this.key = key
  }
}

export class BlobNotFoundError extends StoreError {
  readonly id: string

  constructor (id: string) {
    super('STORE_BLOB_NOT_FOUND', `blob "${id}" not found`)
    this.id = id
  }
}

export class BlobTooLargeError extends StoreError {
  readonly maxBytes: number

  constructor (maxBytes: number) {
    super('STORE_BLOB_TOO_LARGE', `blob exceeds the limit of ${maxBytes} bytes`)
    this.maxBytes = maxBytes
  }
}

/** A filter, sort, skip, limit or find option outside the subset both adapters implement identically. */
export class InvalidQueryError extends StoreError {
  constructor (message: string) {
    super('STORE_INVALID_QUERY', message)
  }
}

/** An update outside `$set`, `$unset`, `$inc`, `$push`, `$pull`, or one that touches `_id`. */
export class InvalidUpdateError extends StoreError {
  constructor (message: string) {
    super('STORE_INVALID_UPDATE', message)
  }
}

export class InvalidIndexError extends StoreError {
  constructor (message: string) {
    super('STORE_INVALID_INDEX', message)
  }
}

/** A service, collection or bucket name that is not safe as a database, file or directory name. */
export class InvalidNameError extends StoreError {
  constructor (kind: string, name: string) {
    super('STORE_INVALID_NAME', `invalid ${kind} name "${name}"`)
  }
}

export class StoreClosedError extends StoreError {
  constructor () {
    super('STORE_CLOSED', 'the store is closed')
  }
}

/** Another live process (or this one) already has the embedded data directory open. */
export class StoreLockedError extends StoreError {
  constructor (readonly dir: string, readonly holder?: number) {
    super('STORE_LOCKED', `data directory ${dir} is in use${holder === undefined ? '' : ` by process ${holder}`}`)
  }
}

/** A document with values outside what both adapters store alike (see the README). */
export class InvalidDocumentError extends StoreError {
  constructor (message: string) {
    super('STORE_INVALID_DOCUMENT', message)
  }
}
