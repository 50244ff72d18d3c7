import fp from 'fastify-plugin'
import type { MessageContext } from '@driver/bus'
import { DuplicateKeyError, type Collection } from '@driver/store'

/** A message a consumer has handled, by queue and message id. */
export interface ProcessedMessage {
  _id: string
  queue: string
  messageName: string
  handledAt: Date
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Markers of handled messages; `idempotent()` reads and writes them. */
    processedMessages: Collection<ProcessedMessage>
  }
}

const KEPT_DAYS = 7

/** The service's `processed_messages` collection, its markers kept a week (longer than any redelivery). */
export const processedMessages = fp(async (app) => {
  const markers = app.store.collection<ProcessedMessage>('processed_messages')
  await markers.createIndex({ handledAt: 1 }, { expireAfterSeconds: KEPT_DAYS * 24 * 3600 })
  app.decorate('processedMessages', markers)
}, { name: 'processed-messages', dependencies: ['store'] })

/**
 * Delivery is at least once: a handler is skipped only when a marker says a
 * previous delivery of the same message (same id, same queue) succeeded. The
 * marker is written after the handler, so a consumer that dies mid-handler
 * handles the redelivery; handlers must therefore be written so that a repeat
 * (or two copies at once) changes nothing more than the first did.
 */
export function idempotent<P, N extends string> (
  markers: Pick<Collection<ProcessedMessage>, 'findOne' | 'insertOne'>,
  handler: (payload: P, context: MessageContext<N>) => Promise<void> | void
): (payload: P, context: MessageContext<N>) => Promise<void> {
  return async (payload, context) => {
    const _id = `${context.queue}:${context.messageId}`
    if (await markers.findOne({ _id })) {
      context.log.info('bus: message already handled, skipped')
      return
    }
    await handler(payload, context)
    try {
      await markers.insertOne({ _id, queue: context.queue, messageName: context.name, handledAt: new Date() })
    } catch (error) {
      // A copy handled at the same time wrote it first: the effect is the same.
      if (!(error instanceof DuplicateKeyError)) throw error
    }
  }
}
