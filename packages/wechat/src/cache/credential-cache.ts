import { setTimeout as sleep } from 'node:timers/promises'
import type { Logger } from '@driver/contracts'
import { WechatError, WechatTransportErrcode } from '../wechat-error.js'
import type { WechatMetrics } from '../client/wechat-metrics.js'
import type { CredentialDocument, CredentialRecords } from './credential-records.js'

export interface FetchedCredential {
  value: string
  /** Seconds, as WeChat gives them. */
  expiresIn: number
}

export interface CredentialCacheOptions {
  records: CredentialRecords
  kind: 'access_token' | 'jsapi_ticket'
  appId: string
  /** The API the value comes from, to name in errors. */
  api: string
  /** Asks WeChat for a new value; called only by the lease holder. */
  fetch: () => Promise<FetchedCredential>
  /** This client instance; each attempt's lease id starts with it. */
  holder: string
  clock: () => number
  refreshMarginMs: number
  /** How long a refresh may take before others consider its holder dead and take over. */
  leaseMs: number
  /** How long a caller waits for another's refresh, in real time, before giving up. */
  waitMs: number
  logger?: Logger
  /** Counts each value fetched anew. */
  metrics?: WechatMetrics | undefined
}

export interface CredentialCache {
  /** A value that is not due for refresh: from memory, from the store, or fetched under the lease. */
  get: () => Promise<string>
  /** After WeChat refused `failed`: expires it in the store if it is still the stored one, then gets a new one. */
  renew: (failed: string) => Promise<string>
}

const FIRST_POLL_MS = 10
const LAST_POLL_MS = 250

const isFresh = (
  doc: CredentialDocument | null, now: number
): doc is CredentialDocument & { value: string, refreshAt: Date } =>
  doc?.value !== undefined && doc.refreshAt !== undefined && now < doc.refreshAt.getTime()

const leaseIsLive = (doc: CredentialDocument | null, now: number): boolean =>
  doc?.leaseHolder !== undefined && doc.leaseUntil !== undefined && doc.leaseUntil.getTime() > now

/**
 * A credential cached in the store and refreshed by exactly one caller at a
 * time across every client on that store (module README: "The cache").
 */
export function createCredentialCache (options: CredentialCacheOptions): CredentialCache {
  const { records, kind, appId, api, clock, logger } = options
  const id = `${kind}:${appId}`
  let remembered: { value: string, refreshAt: number } | undefined
  let loading: Promise<string> | undefined
  let attempts = 0

  const remember = (value: string, refreshAt: number): string => {
    remembered = { value, refreshAt }
    return value
  }

  async function refreshHolding (lease: string, leased: CredentialDocument): Promise<string> {
    // Someone stored a value between our read and our lease: nothing to fetch.
    if (isFresh(leased, clock())) {
      await records.releaseLease(id, lease)
      return remember(leased.value, leased.refreshAt.getTime())
    }
    const fetchedAt = clock()
    let fetched: FetchedCredential
    try {
      fetched = await options.fetch()
    } catch (error) {
      const failure = error instanceof WechatError ? { errcode: error.errcode, errmsg: error.errmsg } : undefined
      // WeChat's error is the one to report; if the store fails too, the lease runs out by itself.
      await records.releaseLease(id, lease, failure).catch(() => undefined)
      throw error
    }
    const lifetimeMs = fetched.expiresIn * 1000
    const expiresAt = fetchedAt + lifetimeMs
    // Half the lifetime at most, so a short-lived value (a simulator's) is not refreshed on every call.
    const refreshAt = expiresAt - Math.min(options.refreshMarginMs, lifetimeMs / 2)
    if (!(await records.saveValue(id, lease, { value: fetched.value, expiresAt, refreshAt }))) {
      logger?.warn({ kind, appId }, `WeChat ${kind} refreshed after its lease ran out: used once, not stored`)
      return fetched.value
    }
    options.metrics?.refreshed(kind)
    logger?.info({ kind, appId, expiresIn: fetched.expiresIn }, `WeChat ${kind} refreshed`)
    return remember(fetched.value, refreshAt)
  }

  async function load (): Promise<string> {
    const deadline = performance.now() + options.waitMs
    let pause = FIRST_POLL_MS
    let awaited: string | undefined
    for (;;) {
      const now = clock()
      const doc = await records.read(id)
      if (isFresh(doc, now)) return remember(doc.value, doc.refreshAt.getTime())
      if (leaseIsLive(doc, now)) {
        awaited = doc?.leaseHolder
      } else {
        const failure = doc?.failure
        if (awaited !== undefined && failure?.holder === awaited) {
          throw new WechatError(api, failure.errcode, failure.errmsg)
        }
        if (doc?.leaseHolder !== undefined) {
          const takeOver = `taking over the WeChat ${kind} refresh of a holder that did not finish`
          logger?.warn({ kind, appId, holder: doc.leaseHolder }, takeOver)
        }
        const lease = `${options.holder}/${++attempts}`
        const leased = await records.takeLease(id, { kind, appId }, lease, now, options.leaseMs)
        if (leased !== null) return await refreshHolding(lease, leased)
      }
      if (performance.now() > deadline) {
        const waited = `waited ${options.waitMs} ms for another refresh of the ${kind}`
        throw new WechatError(api, WechatTransportErrcode.timeout, waited)
      }
      await sleep(pause * (0.5 + Math.random() / 2))
      pause = Math.min(pause * 2, LAST_POLL_MS)
    }
  }

  async function get (): Promise<string> {
    if (remembered !== undefined && clock() < remembered.refreshAt) return remembered.value
    // One load per process at a time: concurrent callers share it.
    loading ??= load().finally(() => { loading = undefined })
    return await loading
  }

  return {
    get,
    async renew (failed) {
      const expired = await records.expireValue(id, failed)
      if (remembered?.value === failed) remembered = undefined
      logger?.warn({ kind, appId, expired }, expired
        ? `WeChat refused the ${kind}: expired it, refreshing`
        : `WeChat refused a ${kind} already replaced: using the stored one`)
      const next = await get()
      if (next !== failed) return next
      // A load that began before the expiry brought back the refused value; the next one cannot.
      if (remembered?.value === failed) remembered = undefined
      return await get()
    }
  }
}
