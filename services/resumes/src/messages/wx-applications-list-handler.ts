import fp from 'fastify-plugin'

/** Answers `wx_applications.list` for the user center's reviewers. Read-only. */
export const wxApplicationsListHandler = fp(async (app) => {
  await app.bus.handle('wx_applications.list', async (query) => await app.wxApplications.list(query))
}, { name: 'wx-applications-list-handler', dependencies: ['bus', 'wx-application-repository'] })
