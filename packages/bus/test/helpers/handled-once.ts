import type { MessageContext } from '../../src/index.js'

/**
 * A consumer that drops a copy of a message it already handled on that queue, kept in
 * memory for the test. Services use `idempotent` from `@driver/kit/service`, whose markers
 * live in their store; this stand-in claims the key before the handler runs, so copies in
 * flight at once are counted once, and lets it go again if the handler throws.
 */
export function handledOnce<P, N extends string> (
  handler: (payload: P, context: MessageContext<N>) => Promise<void> | void
): (payload: P, context: MessageContext<N>) => Promise<void> {
  const handled = new Set<string>()
  return async (payload, context) => {
    const key = `${context.queue}:${context.messageId}`
    if (handled.has(key)) {
      context.log.info('bus: message already handled, skipped')
      return
    }
    handled.add(key)
    try {
      await handler(payload, context)
    } catch (error) {
      handled.delete(key)
      throw error
    }
  }
}
