import fp from 'fastify-plugin'
import { DuplicateKeyError, type Update } from '@driver/store'
import type { WxUser } from './wx-user-repository.js'

/** What a follow changes on the follower (seed 000's `subscribe`, `subscribe_time`, `subscribe_scene`). */
export interface FollowState {
  subscribe: 0 | 1
  subscribe_time?: Date
  subscribe_scene?: string
}

export interface FollowerRepository {
  /**
   * Sets the follow state of the user of `openid`, creating that user when
   * `create` (a follower who never opened the site): one user per openid, so
   * their later login is the same user.
   */
  record: (openid: string, state: FollowState, options: { create: boolean }) => Promise<WxUser | null>
  /**
   * Relates the user to `promoterId` at `at` unless they are related already
   * (first touch): one conditional write, so two pushes at once relate once.
   */
  relate: (id: string, promoterId: string, at: Date) => Promise<boolean>
}

declare module 'fastify' {
  interface FastifyInstance {
    followers: FollowerRepository
  }
}

/** The follow state and attribution of `wx_user` (the openid's unique index is the user repository's). */
export const followerRepository = fp(async (app) => {
  const users = app.store.collection<WxUser>('wx_user')

  const write = async (openid: string, state: FollowState, create: boolean): Promise<WxUser | null> => {
    const update: Update<WxUser> = { $set: { ...state } }
    return users.findOneAndUpdate({ openid }, update, { upsert: create, returnDocument: 'after' })
  }

  app.decorate('followers', {
    async record (openid, state, { create }) {
      try {
        return await write(openid, state, create)
      } catch (error) {
        // A login or another push created the user meanwhile: the retry updates that user.
        if (!(error instanceof DuplicateKeyError)) throw error
        return write(openid, state, create)
      }
    },
    async relate (id, promoterId, at) {
      // In a filter `null` also matches an absent field: a user related to no one yet.
      const { matchedCount } = await users.updateOne(
        { _id: id, relate_id: null }, { $set: { relate_id: promoterId, relate_time: at } }
      )
      return matchedCount === 1
    }
  } satisfies FollowerRepository)
}, { name: 'follower-repository', dependencies: ['store', 'wx-user-repository'] })
