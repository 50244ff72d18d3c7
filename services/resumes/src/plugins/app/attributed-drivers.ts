import fp from 'fastify-plugin'
import { calendarDayOf, formatDateTime, maskPhone } from '@driver/kit'
import type { Static } from 'typebox'
import { fullYearsSince } from '../../domain/full-years.js'
import type { AttributedDriverSchema } from '../../schemas/sales.js'
import type { WxUser } from './wx-user-repository.js'

export type AttributedDriver = Static<typeof AttributedDriverSchema>

export interface AttributedDrivers {
  /** The drivers whose `relate_id` is `salesId`, the latest attributed first, with a few fields of their resumes. */
  page: (salesId: string, pageNo: number, pageSize: number) => Promise<{ total: number, data: AttributedDriver[] }>
}

declare module 'fastify' {
  interface FastifyInstance {
    attributedDrivers: AttributedDrivers
  }
}

export interface AttributedDriversOptions {
  timeZone: string
  clock?: () => Date
}

/**
 * What a sales person or agency sees of the drivers attributed to them: enough to
 * follow up (name, job wish, experience, licence class), the phone masked, since the
 * driver gave it to the platform and not to them.
 */
export const attributedDrivers = fp<AttributedDriversOptions>(async (app, options) => {
  const { timeZone, clock = () => new Date() } = options
  const users = app.store.collection<WxUser>('wx_user')
  await users.createIndex({ relate_id: 1 })

  app.decorate('attributedDrivers', {
    async page (salesId, pageNo, pageSize) {
      const [total, drivers] = await Promise.all([
        users.countDocuments({ relate_id: salesId }),
        users.find({ relate_id: salesId }, {
          sort: { relate_time: -1 }, skip: (pageNo - 1) * pageSize, limit: pageSize
        })
      ])
      const resumes = await app.resumes.findByOwners(drivers.map((driver) => driver._id))
      const resumeOf = new Map(resumes.map((resume) => [resume.wx_id, resume]))
      const today = calendarDayOf(clock(), timeZone)
      const data = drivers.map((driver): AttributedDriver => {
        const resume = resumeOf.get(driver._id)
        const phone = resume?.phone ?? driver.phone
        const since = resume?.dl_first_date
        return Object.fromEntries(Object.entries({
          relate_time: driver.relate_time && formatDateTime(driver.relate_time, timeZone),
          nick_name: driver.nick_name,
          subscribe: driver.subscribe === 1 ? 1 : 0,
          real_name: resume?.real_name,
          phone: phone && maskPhone(phone),
          want_job: resume?.want_job,
          driving_experience: since && fullYearsSince(calendarDayOf(since, timeZone), today),
          dl_license_class: resume?.dl_license_class
        }).filter(([, value]) => value !== undefined)) as AttributedDriver
      })
      return { total, data }
    }
  } satisfies AttributedDrivers)
}, { name: 'attributed-drivers', dependencies: ['store', 'wx-user-repository', 'resume-repository'] })
