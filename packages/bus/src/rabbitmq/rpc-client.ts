import type { Channel, ConsumeMessage } from 'amqplib'
import type { OutboundEnvelope } from '../envelope.js'
import { BusConnectionLostError } from '../errors.js'
import type { Logger } from '@driver/contracts'
import { PendingRequests } from '../pending-requests.js'
import type { AmqpConnection, Session } from './connection.js'
import { publishOptions, readEnvelope } from './wire.js'

const DIRECT_REPLY_TO = 'amq.rabbitmq.reply-to'

/**
 * Requests over RabbitMQ's direct reply-to: no reply queue to declare or clean up, replies
 * go straight to this connection. The price: a reply can only arrive on the channel that
 * sent the request, so requests in flight when the connection drops fail at once.
 */
export class RpcClient {
  readonly pending = new PendingRequests()
  private readonly channels = new WeakMap<Session, Channel>()

  constructor (
    private readonly connection: AmqpConnection,
    private readonly requestExchange: string,
    private readonly log: Logger
  ) {}

  /** Opens this session's reply address; it must consume before it can publish with `replyTo`. */
  async setup (session: Session): Promise<void> {
    const channel = await session.model.createChannel()
    this.connection.watchChannel(session, channel, 'replies')
    await channel.consume(DIRECT_REPLY_TO, (message) => {
      if (message !== null) this.onReply(message)
    }, { noAck: true })
    this.channels.set(session, channel)
  }

  lost (session: Session): void {
    this.pending.failAll((name, messageId) => new BusConnectionLostError(name, messageId), session)
  }

  /** Resolves with the raw reply body; rejects on timeout, lost connection, or no connection in time. */
  request (envelope: OutboundEnvelope, timeout: number): Promise<string> {
    const reply = this.pending.wait(envelope.messageId, envelope.name, timeout)
    const content = Buffer.from(envelope.body)
    // The TTL keeps a request nobody consumed in time from being answered to nobody later.
    const options = publishOptions(envelope, { replyTo: DIRECT_REPLY_TO, expiration: String(timeout) })
    this.send(envelope, content, options, Date.now() + timeout)
      .catch((error: Error) => this.pending.fail(envelope.messageId, error))
    return reply
  }

  private async send (
    envelope: OutboundEnvelope, content: Buffer, options: ReturnType<typeof publishOptions>, deadline: number
  ): Promise<void> {
    for (;;) {
      const session = await this.connection.session(deadline, `request ${envelope.name}`)
      if (!this.pending.has(envelope.messageId)) return
      const channel = this.channels.get(session)
      try {
        if (channel === undefined) throw new Error('no reply channel')
        channel.publish(this.requestExchange, envelope.name, content, options)
        this.pending.sentVia(envelope.messageId, session)
        return
      } catch (error) {
        this.log.debug({ err: error, messageId: envelope.messageId }, 'bus: request not sent, trying again')
        await this.connection.pauseAfterFailure(session)
      }
    }
  }

  private onReply (message: ConsumeMessage): void {
    const reply = readEnvelope(message)
    if (!this.pending.settle(reply.inReplyTo, reply.body)) {
      this.log.debug({ inReplyTo: reply.inReplyTo }, 'bus: reply came after its request gave up, dropped')
    }
  }
}
