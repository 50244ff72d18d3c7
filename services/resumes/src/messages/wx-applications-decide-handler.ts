import fp from 'fastify-plugin'

/**
 * Answers `wx_applications.decide`. A repeat of a decision that was taken finds
 * the application no longer waiting and changes nothing (`not_waiting`): the
 * conditional update is what makes it safe, so no marker is needed.
 */
export const wxApplicationsDecideHandler = fp<{ clock?: () => Date }>(async (app, { clock = () => new Date() }) => {
  await app.bus.handle('wx_applications.decide', async (payload, context) => {
    const outcome = await app.wxApplications.decide(payload, clock())
    const { id, reviewerId, decision: { checked } } = payload
    if (outcome.decided) context.log.info({ wxUserId: id, reviewerId, checked }, 'application decided')
    else context.log.info({ wxUserId: id, reviewerId, why: outcome.why }, 'application not decided')
    return outcome
  })
}, { name: 'wx-applications-decide-handler', dependencies: ['bus', 'wx-application-repository'] })
