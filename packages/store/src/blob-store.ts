import type { Readable } from 'node:stream'

/** Flat, JSON- and BSON-safe values only, so both adapters store them alike. */
export type BlobMetadata = Record<string, string | number | boolean | null>

/** A Node Readable, an async generator, or (small, in-memory content) an array of chunks. */
export type BlobSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>

export interface PutBlobOptions {
  contentType: string
  filename?: string
  metadata?: BlobMetadata
  /** Abort (leaving nothing stored) with `BlobTooLargeError` once the stream passes this many bytes. */
  maxBytes?: number
}

export interface BlobInfo {
  /** A 24-hex id. */
  id: string
  length: number
  /** Hex SHA-256 of the content, computed while it streamed in. */
  sha256: string
  contentType: string
  filename?: string
  metadata?: BlobMetadata
}

export interface StoredBlob extends BlobInfo {
  /** The content; consume it or destroy it. */
  stream: Readable
}

/** Streams in, streams out: memory use does not depend on blob size. */
export interface BlobStore {
  readonly bucket: string
  put: (source: BlobSource, options: PutBlobOptions) => Promise<BlobInfo>
  /** Throws `BlobNotFoundError` for an unknown (or malformed) id. */
  get: (id: string) => Promise<StoredBlob>
  /** True when a blob was removed, false when there was none. */
  delete: (id: string) => Promise<boolean>
}
