import type { ConfirmChannel, ConsumeMessage } from 'amqplib'
import { dispatchEvent, type EventTarget } from '../dispatch-event.js'
import { hopFields } from '../envelope.js'
import { deadLetterQueue, retryQueue } from '../queue-names.js'
import { publishConfirmed } from './publish-confirmed.js'
import { deadLetterOptions, HEADERS, readEnvelope, republishOptions } from './wire.js'

/**
 * Retries are republished to `<queue>.retry` with the backoff as per-message TTL, rather than
 * nacked with requeue: a requeued message comes straight back, and the broker does not count attempts.
 * The copy is confirmed before the original is acked, so a crash in between duplicates, never loses.
 */
export function eventMessageHandler (target: EventTarget) {
  return async (channel: ConfirmChannel, message: ConsumeMessage): Promise<void> => {
    const envelope = readEnvelope(message)
    const outcome = await dispatchEvent(envelope, target)
    try {
      if (outcome.kind === 'retry') {
        const headers = { [HEADERS.attempt]: envelope.attempt + 1 }
        const options = republishOptions(message, headers, { expiration: String(outcome.delay) })
        await publishConfirmed(channel, '', retryQueue(target.queue), message.content, options)
      } else if (outcome.kind === 'dead') {
        const options = deadLetterOptions(message, target.queue, outcome)
        await publishConfirmed(channel, '', deadLetterQueue(target.queue), message.content, options)
      }
      channel.ack(message)
    } catch (error) {
      const hop = hopFields(envelope, target.queue)
      target.logger.warn({ err: error, ...hop }, 'bus: could not settle the message, the broker will redeliver it')
    }
  }
}
