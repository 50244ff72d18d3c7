import type { BlobStore } from './blob-store.js'
import { assertCollectionName } from './names.js'

/** One blob store per bucket name, created on first use; shared by both adapters. */
export function blobBuckets (
  assertOpen: () => void, create: (bucket: string) => BlobStore
): (bucket?: string) => BlobStore {
  const buckets = new Map<string, BlobStore>()
  return (bucket = 'fs') => {
    assertOpen()
    assertCollectionName(bucket, 'bucket')
    let blobs = buckets.get(bucket)
    if (blobs === undefined) {
      blobs = create(bucket)
      buckets.set(bucket, blobs)
    }
    return blobs
  }
}
