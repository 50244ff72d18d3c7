import type { ConfirmChannel, ConsumeMessage } from 'amqplib'
import type { Logger } from '@driver/contracts'
import type { AmqpConnection, Session } from './connection.js'

export interface ConsumerSpec {
  queue: string
  prefetch: number
  declare: (channel: ConfirmChannel) => Promise<void>
  /** Must settle (ack, or leave for redelivery) and never reject. */
  onMessage: (channel: ConfirmChannel, message: ConsumeMessage) => Promise<void>
}

export interface RunningConsumer {
  channel: ConfirmChannel
  consumerTag: string
}

/**
 * A consumer gets its own confirm channel: its prefetch bounds only its queue, a channel
 * error stays its own, and the retry/DLQ copies it publishes are confirmed before the ack.
 */
export async function startConsumer (
  connection: AmqpConnection,
  session: Session,
  spec: ConsumerSpec,
  track: (work: Promise<void>) => void,
  log: Logger
): Promise<RunningConsumer> {
  const channel = await session.model.createConfirmChannel()
  connection.watchChannel(session, channel, spec.queue)
  await spec.declare(channel)
  await channel.prefetch(spec.prefetch)
  const { consumerTag } = await channel.consume(spec.queue, (message) => {
    if (message === null) {
      // The broker cancelled us (queue deleted): reconnecting re-declares the queue and consumes again.
      log.error({ queue: spec.queue }, 'bus: consumer cancelled by the broker, reconnecting')
      session.model.close().catch(() => {})
      return
    }
    track(spec.onMessage(channel, message))
  }, { noAck: false })
  return { channel, consumerTag }
}
