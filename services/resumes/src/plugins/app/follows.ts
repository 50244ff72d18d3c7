import fp from 'fastify-plugin'
import { attributionRefusal, isSceneId } from '../../domain/attribution.js'
import type { FollowEvent } from '../../domain/follow-event.js'
import type { WxUser } from './wx-user-repository.js'

export interface Follows {
  /** What a follow, an unfollow or a scan changes: the follow state, and a first QR scene's attribution. */
  apply: (event: FollowEvent) => Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    follows: Follows
  }
}

/** WeChat's `subscribe_scene` for a follow through a QR code. */
const QR_CODE_SCENE = 'ADD_SCENE_QR_CODE'
/**
 * Any other follow. WeChat's `user/info` would name it (search, a shared card…), with the
 * official account's token, whose owner (media) answers no such request yet: README.
 */
const OTHER_SCENE = 'ADD_SCENE_OTHERS'

/** Following the official account, and the sales person or agency whose QR code brought the driver. */
export const follows = fp(async (app) => {
  const log = app.log.child({ component: 'follows' })

  async function attribute (follower: WxUser, scene: string, at: Date): Promise<void> {
    const promoter = isSceneId(scene) ? await app.wxUsers.findById(scene) : null
    const refusal = attributionRefusal(follower, scene, promoter)
    if (refusal === 'already-related') return
    if (refusal !== null) {
      log.warn({ wxUserId: follower._id, scene: scene.slice(0, 64), reason: refusal }, 'QR scene relates no one')
      return
    }
    if (await app.followers.relate(follower._id, scene, at)) {
      log.info({ wxUserId: follower._id, relateId: scene }, 'driver related to a sales person or agency')
    }
  }

  app.decorate('follows', {
    async apply (event) {
      if (event.kind === 'unsubscribe') {
        // Someone we never saw unfollowing leaves nothing to record.
        await app.followers.record(event.openid, { subscribe: 0 }, { create: false })
        return
      }
      const state = event.kind === 'subscribe'
        ? {
            subscribe: 1 as const,
            subscribe_time: event.at,
            subscribe_scene: event.scene === undefined ? OTHER_SCENE : QR_CODE_SCENE
          }
        : { subscribe: 1 as const }
      const follower = await app.followers.record(event.openid, state, { create: true })
      if (follower !== null && event.scene !== undefined) await attribute(follower, event.scene, event.at)
    }
  } satisfies Follows)
}, { name: 'follows', dependencies: ['wx-user-repository', 'follower-repository'] })
