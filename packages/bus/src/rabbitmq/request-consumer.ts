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
        const reply = newEnvelope(service, envelope.name ?? '', answer.body, { correlationId: envelope.correlationId, requestId: envelope.requestId })
        // Not confirmed: a reply whose requester is gone is dropped by the broker, and the requester times out anyway.
        channel.sendToQueue(replyTo, Buffer.from(answer.body), publishOptions({ ...reply, inReplyTo: envelope.messageId }))
      }
      if (answer.deadLetter !== undefined) {
        await publishConfirmed(channel, '', deadLetterQueue(target.queue), message.content, deadLetterOptions(message, target.queue, answer.deadLetter))
      }
      channel.ack(message)
    } catch (error) {
      target.logger.warn({ err: error, ...hopFields(envelope, target.queue) }, 'bus: could not settle the request, the broker will redeliver it')
    }
  }
}
