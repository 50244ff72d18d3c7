import Fastify from 'fastify'
import fp from 'fastify-plugin'
import { newId, type Store } from '@driver/store'
import { imageRepository, type ImageRecord } from '../src/plugins/app/image-repository.js'
import { uploadQuota, type UploadQuota } from '../src/plugins/app/upload-quota.js'
import { startBenchMedia, type BenchMedia } from './bench-app.js'
import { fmt } from './report.js'

const KIB = 1024
const UPLOAD_SIZE = 64 * KIB
const UPLOADS_PER_ROUND = 30
const CHECKS_PER_ROUND = 300
const ROUNDS = 10
const HISTORY = 5000
/** Uploads never reach WeChat; the configuration only needs an address. */
const NO_WECHAT = 'http://127.0.0.1:9'

/** The quota plugin alone on `store`, with limits out of reach, for the check without a request around it. */
async function quotaOn (store: Store): Promise<{ quota: UploadQuota, close: () => Promise<void> }> {
  const app = Fastify()
  await app.register(fp(async (scope) => { scope.decorate('store', store) }, { name: 'store' }))
  await app.register(imageRepository)
  await app.register(uploadQuota, {
    imagesPerDay: 1e9, bytesPerDay: 2 ** 50, imagesTotal: 1e9, reserve: UPLOAD_SIZE, timeZone: 'Asia/Shanghai'
  })
  await app.ready()
  return { quota: app.uploadQuota, close: () => app.close() }
}

/** What the service runs with the quota left out: the store, and nothing before or after it. */
const unchecked: UploadQuota = { spend: async (_owner, store) => await store() }

interface Cost { cpuUs: number, wallMs: number, count: number }
const zero = (): Cost => ({ cpuUs: 0, wallMs: 0, count: 0 })

/** Adds `count` runs of `task`, one at a time, to `cost`: the process's CPU (user + system) and wall time. */
async function measure (cost: Cost, count: number, task: () => Promise<void>): Promise<void> {
  const cpu = process.cpuUsage()
  const started = performance.now()
  for (let i = 0; i < count; i++) await task()
  const used = process.cpuUsage(cpu)
  cost.wallMs += performance.now() - started
  cost.cpuUs += used.user + used.system
  cost.count += count
}

const upload = (media: BenchMedia) => async () => {
  const message = await media.upload(UPLOAD_SIZE)
  if (message !== 'success') throw new Error(`an upload answered ${message}`)
}

/**
 * The upload quota's cost. Whole uploads (`/wx/resume_image/save/vehicle_image`, 64 KiB, one at a
 * time) through a media service with the quota and through one whose quota is left out, in
 * alternating rounds of the same run; then the check alone (`uploadQuota.spend` around a store that
 * stores nothing) for a user with no photo and for one whose 5,000 photos are recorded.
 */
export async function benchQuota (): Promise<string[][]> {
  const withQuota = await startBenchMedia(NO_WECHAT)
  const without = await startBenchMedia(NO_WECHAT, 1, { app: { uploadQuota: unchecked } })
  // The check alone gets a store of its own, so the 5,000 records do not weigh on the uploads' one.
  const alone = await startBenchMedia(NO_WECHAT)
  const closers = [() => without.close(), () => withQuota.close(), () => alone.close()]
  try {
    const costs = { with: zero(), without: zero(), fresh: zero(), history: zero() }
    const { quota, close } = await quotaOn(alone.store)
    closers.push(close)
    const images = alone.store.collection<ImageRecord>('images')
    const heavy = newId()
    for (let i = 0; i < HISTORY; i++) {
      await images.insertOne({
        _id: newId(), owner: heavy, table: 'vehicle_image', field: 'image_id', contentType: 'image/jpeg',
        length: UPLOAD_SIZE, sha256: '0'.repeat(64), createdAt: new Date()
      })
    }
    const record = { length: UPLOAD_SIZE } as ImageRecord
    const fresh = newId()
    const check = (owner: string) => async () => { await quota.spend(owner, async () => record) }

    // Warm-up; also each user's one-time count of the photos they already hold.
    await measure(zero(), 20, upload(withQuota))
    await measure(zero(), 20, upload(without))
    await measure(zero(), 100, check(fresh))
    await measure(zero(), 100, check(heavy))
    for (let round = 0; round < ROUNDS; round++) {
      await measure(costs.without, UPLOADS_PER_ROUND, upload(without))
      await measure(costs.with, UPLOADS_PER_ROUND, upload(withQuota))
      await measure(costs.fresh, CHECKS_PER_ROUND, check(fresh))
      await measure(costs.history, CHECKS_PER_ROUND, check(heavy))
    }
    const perCall = (cost: Cost) => [fmt(cost.cpuUs / cost.count, 0), fmt(cost.wallMs * 1000 / cost.count, 0)]
    const ratio = (cost: Cost, base: Cost) => fmt((cost.cpuUs / cost.count) / (base.cpuUs / base.count), 2)
    return [
      ['upload of 64 KiB, quota left out', String(costs.without.count), ...perCall(costs.without), '1.00'],
      ['upload of 64 KiB, with the quota', String(costs.with.count), ...perCall(costs.with),
        ratio(costs.with, costs.without)],
      ['the check alone, a user with no photo', String(costs.fresh.count), ...perCall(costs.fresh), '–'],
      [`the check alone, a user with ${fmt(HISTORY)} photos recorded`, String(costs.history.count),
        ...perCall(costs.history), `${ratio(costs.history, costs.fresh)} × the line above`]
    ]
  } finally {
    for (const close of closers.reverse()) await close()
  }
}
