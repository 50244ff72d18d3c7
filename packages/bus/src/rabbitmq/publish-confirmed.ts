import type { ConfirmChannel, Options } from 'amqplib'

/** Resolves when the broker confirms the message, rejects on a nack or when the channel dies first. */
export function publishConfirmed (
  channel: ConfirmChannel,
  exchange: string,
  routingKey: string,
  content: Buffer,
  options: Options.Publish
): Promise<void> {
  return new Promise((resolve, reject) => {
    try {
      channel.publish(exchange, routingKey, content, options, (error: unknown) => {
        if (error === null || error === undefined) resolve()
        else reject(error instanceof Error ? error : new Error(String(error)))
      })
    } catch (error) {
      // amqplib throws synchronously on a channel that is already closed
      reject(error)
    }
  })
}
