import fp from 'fastify-plugin'
import { DuplicateKeyError } from '@driver/store'
import { megabytes } from '../../domain/megabytes.js'
import {
  quotaDay, refusalOf, type QuotaCounters, type QuotaRefusal, type UploadLimits
} from '../../domain/upload-quota.js'
import { DailyBytesError, DailyImagesError, TotalImagesError } from '../../errors.js'
import type { ImageRecord } from './image-repository.js'

export interface UploadQuota {
  /**
   * Takes one image and the largest photo's bytes from the owner's quota, then runs
   * `store`: its image settles the bytes to its real length; its failure gives the
   * reservation back. Over a limit, refuses before `store` starts.
   */
  spend: (owner: string, store: () => Promise<ImageRecord>) => Promise<ImageRecord>
}

declare module 'fastify' {
  interface FastifyInstance {
    uploadQuota: UploadQuota
  }
}

export interface UploadQuotaOptions extends UploadLimits {
  /** MEDIA_MAX_BYTES: what a photo may turn out to weigh, reserved until it has been stored. */
  reserve: number
  timeZone: string
  clock?: () => Date
}

/** Rounds of "update, then look" a reservation tries while concurrent releases keep making room. */
const ATTEMPTS = 5

/**
 * Each user's counters live in one document of `upload_quotas`, so every check is
 * one conditional update of one document by its id: atomic in both store adapters,
 * shared by every media process, and as cheap for a user with a thousand images as
 * for a new one.
 */
export const uploadQuota = fp<UploadQuotaOptions>(async (app, options) => {
  const { reserve, timeZone, clock = () => new Date(), ...limits } = options
  const quotas = app.store.collection<QuotaCounters>('upload_quotas')

  const refusal: Record<QuotaRefusal, () => Error> = {
    'images-total': () => new TotalImagesError(limits.imagesTotal),
    'images-per-day': () => new DailyImagesError(limits.imagesPerDay),
    'bytes-per-day': () => new DailyBytesError(megabytes(limits.bytesPerDay))
  }

  /** True when one image and `reserve` bytes were taken. */
  async function take (owner: string, day: string): Promise<boolean> {
    const sameDay = await quotas.updateOne({
      _id: owner,
      day,
      images: { $lt: limits.imagesTotal },
      dayImages: { $lt: limits.imagesPerDay },
      dayBytes: { $lte: limits.bytesPerDay - reserve }
    }, { $inc: { images: 1, dayImages: 1, dayBytes: reserve } })
    if (sameDay.matchedCount === 1) return true
    // The user's first upload of the day: yesterday's figures are overwritten, not kept.
    const newDay = await quotas.updateOne(
      { _id: owner, day: { $ne: day }, images: { $lt: limits.imagesTotal } },
      { $set: { day, dayImages: 1, dayBytes: reserve }, $inc: { images: 1 } }
    )
    return newDay.matchedCount === 1
  }

  /** A user's first counters start from the images they already hold: one count, once per user. */
  async function open (owner: string, day: string): Promise<void> {
    const images = await app.images.countOf(owner)
    try {
      await quotas.insertOne({ _id: owner, images, day, dayImages: 0, dayBytes: 0 })
    } catch (error) {
      // Another upload opened them first.
      if (!(error instanceof DuplicateKeyError)) throw error
    }
  }

  async function reserveFor (owner: string, day: string): Promise<void> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (await take(owner, day)) return
      const counters = await quotas.findOne({ _id: owner })
      if (counters === null) {
        await open(owner, day)
        continue
      }
      const refused = refusalOf(counters, day, reserve, limits)
      if (refused !== null) {
        app.log.info({ owner, limit: refused }, 'upload refused by the quota')
        throw refusal[refused]()
      }
    }
    // Every look found room that a concurrent upload took first: the day is at its edge.
    throw refusal['images-per-day']()
  }

  async function release (owner: string, day: string): Promise<void> {
    const { matchedCount } = await quotas.updateOne(
      { _id: owner, day }, { $inc: { images: -1, dayImages: -1, dayBytes: -reserve } }
    )
    // The day turned meanwhile: its figures are gone already, the image in all is still held.
    if (matchedCount === 0) await quotas.updateOne({ _id: owner }, { $inc: { images: -1 } })
  }

  app.decorate('uploadQuota', {
    async spend (owner, store) {
      const day = quotaDay(clock(), timeZone)
      await reserveFor(owner, day)
      let image: ImageRecord
      try {
        image = await store()
      } catch (error) {
        await release(owner, day).catch((failure: unknown) => {
          app.log.error({ err: failure, owner }, 'giving back an upload reservation failed')
        })
        throw error
      }
      await quotas.updateOne({ _id: owner, day }, { $inc: { dayBytes: image.length - reserve } })
        .catch((failure: unknown) => {
          app.log.error({ err: failure, owner, id: image._id }, 'settling an upload reservation failed')
        })
      return image
    }
  } satisfies UploadQuota)
}, { name: 'upload-quota', dependencies: ['store', 'image-repository'] })
