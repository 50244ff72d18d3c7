import fp from 'fastify-plugin'
import { BusError } from '@driver/bus'
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
/** Any other follow when WeChat's `user/info` cannot say which (README). */
const OTHER_SCENE = 'ADD_SCENE_OTHERS'
/**
 * How long a follow waits for media's `wechat.user_info`: WeChat gives up on the push after
 * 5 s, and the follow is recorded either way.
 */
const USER_INFO_TIMEOUT_MS = 2000

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

  /** WeChat's own `subscribe_scene` (search, a shared card…), asked of media, the token's owner. */
  async function sceneOf (openid: string): Promise<string> {
    try {
      const info = await app.bus.request('wechat.user_info', { openid }, { timeout: USER_INFO_TIMEOUT_MS })
      if (info.known && info.subscribeScene !== undefined && info.subscribeScene !== '') return info.subscribeScene
      if (!info.known) log.warn({ code: info.code }, 'follow scene unknown: WeChat refused user/info')
    } catch (error) {
      const code = error instanceof BusError ? error.code : undefined
      log.warn({ code }, 'follow scene unknown: media did not answer user/info')
    }
    return OTHER_SCENE
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
            subscribe_scene: event.scene === undefined ? await sceneOf(event.openid) : QR_CODE_SCENE
          }
        : { subscribe: 1 as const }
      const follower = await app.followers.record(event.openid, state, { create: true })
      if (follower !== null && event.scene !== undefined) await attribute(follower, event.scene, event.at)
    }
  } satisfies Follows)
}, { name: 'follows', dependencies: ['bus', 'wx-user-repository', 'follower-repository'] })
