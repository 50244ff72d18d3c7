import fp from 'fastify-plugin'

/** A token ended at logout, by its nonce, kept until the token would have expired anyway. */
interface EndedToken {
  _id: string
  expiresAt: Date
}

export interface EndedTokenRepository {
  /** Ends the token with this nonce; ending it twice is the same as once. */
  end: (nonce: string, expiresAt: Date) => Promise<void>
  isEnded: (nonce: string) => Promise<boolean>
}

declare module 'fastify' {
  interface FastifyInstance {
    endedTokens: EndedTokenRepository
  }
}

/**
 * `app.endedTokens`: the `ended_tokens` collection. A logout ends one token and leaves the user's
 * other sessions alone, so it cannot move the user's `tokens_valid_after`; the token's nonce is
 * recorded instead. A TTL index removes a record once its token has expired: by then the token's
 * own expiry refuses it, so the collection holds at most a day of logouts.
 */
export const endedTokenRepository = fp(async (app) => {
  const ended = app.store.collection<EndedToken>('ended_tokens')
  await ended.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 })

  app.decorate('endedTokens', {
    async end (nonce, expiresAt) {
      await ended.updateOne({ _id: nonce }, { $set: { expiresAt } }, { upsert: true })
    },
    isEnded: async (nonce) => await ended.findOne({ _id: nonce }) !== null
  } satisfies EndedTokenRepository)
}, { name: 'ended-token-repository', dependencies: ['store'] })
