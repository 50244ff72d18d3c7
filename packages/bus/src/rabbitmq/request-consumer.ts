import type { ConfirmChannel, ConsumeMessage } from 'amqplib'
import { answerRequest, type RequestTarget } from '../answer-request.js'
import { hopFields, newEnvelope } from '../envelope.js'
import { deadLetterQueue } from '../queue-names.js'
import { publishConfirmed } from './publish-confirmed.js'
import { deadLetterOptions, publishOptions, readEnvelope } from './wire.js'

/** Answers on the requester's direct reply-to address; a malformed request is answered and dead-lettered. */
export function requestMessageHandler (target: RequestTarget, service: string) {
  return async (channel: ConfirmChannel, message: ConsumeMessage): Promise<void> => {
    const envelope = readEnvelope(message)
    const answer = await answerRequest(envelope, target)
    try {
      const replyTo: unknown = message.properties.replyTo
      if (typeof replyTo === 'string' && replyTo !== '') {
        const { correlationId, requestId } = envelope
        const reply = newEnvelope(service, envelope.name ?? '', answer.body, { correlationId, requestId })
        // Not confirmed: a reply whose requester is gone is dropped by the broker, and the requester times out anyway.
        const options = publishOptions({ ...reply, inReplyTo: envelope.messageId })
        channel.sendToQueue(replyTo, Buffer.from(answer.body), options)
      }
      if (answer.deadLetter !== undefined) {
        const options = deadLetterOptions(message, target.queue, answer.deadLetter)
        await publishConfirmed(channel, '', deadLetterQueue(target.queue), message.content, options)
      }
      channel.ack(message)
    } catch (error) {
      const hop = hopFields(envelope, target.queue)
      target.logger.warn({ err: error, ...hop }, 'bus: could not settle the request, the broker will redeliver it')
    }
  }
}
