import type { MessageContext } from './bus.js'

/**
 * The slice of a store collection the helper needs: `insertOne` must reject with
 * `code === 'STORE_DUPLICATE_KEY'` when the `_id` exists. Shaped after the MongoDB driver's Collection.
 */
export interface ProcessedMessages {
  insertOne (doc: { _id: string, handledAt: Date, queue: string, messageName: string }): Promise<unknown>
  deleteOne (filter: { _id: string }): Promise<unknown>
}

function isDuplicateKey (error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'STORE_DUPLICATE_KEY'
}

/**
 * Wraps a handler so a redelivered message (same id, same queue) has no second effect.
 *
 * The marker is inserted before the handler runs, so two concurrent copies cannot both
 * run it; if the handler throws, the marker is removed so the retry is not skipped.
 * Markers are scoped by queue: two subscriptions of one service each handle the event once.
 * Left open: a process that dies mid-handler leaves its marker, and the redelivery is
 * skipped; a handler whose effect must survive that writes it in the same store transaction.
 */
export function idempotent<P, N extends string> (
  processed: ProcessedMessages,
  handler: (payload: P, context: MessageContext<N>) => Promise<void> | void
): (payload: P, context: MessageContext<N>) => Promise<void> {
  return async (payload, context) => {
    const _id = `${context.queue}:${context.messageId}`
    try {
      await processed.insertOne({ _id, handledAt: new Date(), queue: context.queue, messageName: context.name })
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
      context.log.info('bus: message already handled, skipped')
      return
    }
    try {
      await handler(payload, context)
    } catch (error) {
      try {
        await processed.deleteOne({ _id })
      } catch (removeError) {
        context.log.error({ err: removeError }, 'bus: could not remove the marker of a failed message; its retry will be skipped')
      }
      throw error
    }
  }
}
