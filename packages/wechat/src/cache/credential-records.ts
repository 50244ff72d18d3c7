import { DuplicateKeyError, type Store } from '@driver/store'

/** The collection every client on a store shares: one document per kind of credential and app id. */
export const CREDENTIALS_COLLECTION = 'wechat_credentials'

/**
 * One cached credential (`access_token:<appid>`, `jsapi_ticket:<appid>`). The
 * value and its times are written only by the holder of the lease; the lease
 * is taken and released atomically, so one refresh runs at a time across every
 * process on the store.
 */
export interface CredentialDocument {
  _id: string
  kind: string
  appId: string
  value?: string
  /** When WeChat stops accepting the value. */
  expiresAt?: Date
  /** From when the value is refreshed (at least the refresh margin before `expiresAt`). */
  refreshAt?: Date
  /** Who refreshes now (one id per attempt), and until when the others wait for it. */
  leaseHolder?: string
  leaseUntil?: Date
  /** How the last attempt failed, so whoever waited on it fails with it rather than calling WeChat again. */
  failure?: { holder: string, errcode: number, errmsg: string }
}

export interface CredentialRecords {
  read: (id: string) => Promise<CredentialDocument | null>
  /** Takes the lease when nobody holds a live one; `null` when someone does. */
  takeLease: (
    id: string, owner: { kind: string, appId: string }, holder: string, now: number, leaseMs: number
  ) => Promise<CredentialDocument | null>
  /** Stores a fresh value and releases the lease; `false` (nothing stored) when the lease was lost meanwhile. */
  saveValue: (
    id: string, holder: string, value: { value: string, expiresAt: number, refreshAt: number }
  ) => Promise<boolean>
  /** Releases the lease without a new value: nothing was needed, or the attempt failed (`failure`, for the waiters). */
  releaseLease: (id: string, holder: string, failure?: { errcode: number, errmsg: string }) => Promise<void>
  /** Marks `value` as expired only if it is still the stored one (compare-and-set); true when it was. */
  expireValue: (id: string, value: string) => Promise<boolean>
}

export function credentialRecords (store: Store): CredentialRecords {
  const credentials = store.collection<CredentialDocument>(CREDENTIALS_COLLECTION)
  return {
    read: (id) => credentials.findOne({ _id: id }),

    async takeLease (id, { kind, appId }, holder, now, leaseMs) {
      try {
        // No live lease: none ever taken (null also matches a missing field) or one past its time, its holder gone.
        return await credentials.findOneAndUpdate(
          { _id: id, $or: [{ leaseUntil: null }, { leaseUntil: { $lte: new Date(now) } }] },
          { $set: { kind, appId, leaseHolder: holder, leaseUntil: new Date(now + leaseMs) } },
          { upsert: true, returnDocument: 'after' }
        )
      } catch (error) {
        // The document exists with a live lease, so the upsert collided with it on `_id`.
        if (error instanceof DuplicateKeyError) return null
        throw error
      }
    },

    async saveValue (id, holder, { value, expiresAt, refreshAt }) {
      const { matchedCount } = await credentials.updateOne(
        { _id: id, leaseHolder: holder },
        {
          $set: { value, expiresAt: new Date(expiresAt), refreshAt: new Date(refreshAt) },
          $unset: { leaseHolder: true, leaseUntil: true, failure: true }
        }
      )
      return matchedCount === 1
    },

    async releaseLease (id, holder, failure) {
      await credentials.updateOne(
        { _id: id, leaseHolder: holder },
        failure === undefined
          ? { $unset: { leaseHolder: true, leaseUntil: true } }
          : { $set: { failure: { holder, ...failure } }, $unset: { leaseHolder: true, leaseUntil: true } }
      )
    },

    async expireValue (id, value) {
      const expired = { expiresAt: new Date(0), refreshAt: new Date(0) }
      const { matchedCount } = await credentials.updateOne({ _id: id, value }, { $set: expired })
      return matchedCount === 1
    }
  }
}
