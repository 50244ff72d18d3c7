import fp from 'fastify-plugin'

/** Answers `wx_applications.find`: one applicant, for a reviewer. Read-only. */
export const wxApplicationsFindHandler = fp(async (app) => {
  await app.bus.handle('wx_applications.find', async ({ id }) => {
    const application = await app.wxApplications.find(id)
    return application ? { found: true as const, application } : { found: false as const }
  })
}, { name: 'wx-applications-find-handler', dependencies: ['bus', 'wx-application-repository'] })
