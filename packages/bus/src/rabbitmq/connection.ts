import { connect, type Channel, type ChannelModel, type ConfirmChannel, type RecoveringChannelModel } from 'amqplib'
import { BusClosedError, BusUnavailableError } from '../errors.js'
import type { Logger } from '@driver/contracts'
import { safeUrl } from './rabbitmq-options.js'

/** One live AMQP connection and the channel events are published on; replaced on every reconnect. */
export interface Session {
  readonly id: number
  readonly model: ChannelModel
  readonly publisher: ConfirmChannel
  alive: boolean
}

export interface ConnectionSettings {
  amqpUrl: string
  service: string
  logger: Logger
  connectTimeout: number
  reconnect: { initialDelay: number, maxDelay: number }
  /** Runs on every fresh connection before anything uses it: declare topology, start consumers. */
  setup: (session: Session) => Promise<void>
  /** The session is gone, and with it its channels, consumers and reply address. */
  lost: (session: Session) => void
}

interface Waiter {
  resolve: (session: Session) => void
  reject: (error: Error) => void
}

const NACK_PAUSE_MS = 100

/**
 * Reconnection is amqplib's own opt-in recovery (backoff with jitter, retried forever once
 * connected); this class adds what it leaves to us: rebuilding channels and consumers in its
 * `setup` hook, knowing whether a usable session exists, and letting callers wait for one.
 */
export class AmqpConnection {
  private recovering: RecoveringChannelModel | undefined
  private active: Session | undefined
  private sessions = 0
  private closing = false
  private readonly waiters = new Set<Waiter>()
  private readonly log: Logger

  constructor (private readonly settings: ConnectionSettings) {
    this.log = settings.logger.child({ broker: safeUrl(settings.amqpUrl) })
  }

  async open (): Promise<void> {
    const recovering = await connect(this.settings.amqpUrl, {
      // Nagle's algorithm holds small frames back ~40 ms on Linux, which request/reply would pay on every hop.
      noDelay: true,
      clientProperties: { connection_name: this.settings.service },
      recovery: { ...this.settings.reconnect, waitForConnect: false, setup: (model: ChannelModel) => this.setup(model) }
    })
    this.recovering = recovering
    recovering.on('error', (error: Error) => this.log.warn({ err: error }, 'bus: connection error'))
    recovering.on('reconnect-scheduled', ({ attempt, delay, error }: {
      attempt: number, delay: number, error: Error
    }) => {
      this.log.warn({ attempt, delay, reason: error.message }, 'bus: reconnecting')
    })
    recovering.on('blocked', (reason: string) => this.log.warn({ reason }, 'bus: broker blocked publishing'))
    recovering.on('unblocked', () => this.log.info('bus: broker unblocked publishing'))
    try {
      await this.session(Date.now() + this.settings.connectTimeout, 'connect')
    } catch (error) {
      await this.close()
      throw error
    }
  }

  get current (): Session | undefined {
    return this.active?.alive === true ? this.active : undefined
  }

  /** A usable session, waiting for a reconnection until `deadline`. */
  session (deadline: number, purpose: string): Promise<Session> {
    if (this.closing) return Promise.reject(new BusClosedError())
    const current = this.current
    if (current !== undefined) return Promise.resolve(current)
    const wait = Math.max(0, deadline - Date.now())
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter)
        reject(new BusUnavailableError(`${purpose} gave up after waiting ${wait} ms for a connection`))
      }, wait)
      const waiter: Waiter = {
        resolve: (session) => { clearTimeout(timer); resolve(session) },
        reject: (error) => { clearTimeout(timer); reject(error) }
      }
      this.waiters.add(waiter)
    })
  }

  /**
   * After an operation failed on `session`: a broker nack on a
   * live session earns a short pause, a dead one a new session.
   */
  async pauseAfterFailure (session: Session): Promise<void> {
    if (session.alive) await new Promise((resolve) => setTimeout(resolve, NACK_PAUSE_MS))
  }

  /**
   * A channel that closes while its connection stays up (e.g. after
   * a 406) forces a full reconnect, which rebuilds everything.
   */
  watchChannel (session: Session, channel: Channel, label: string): void {
    channel.on('error', (error: Error) => this.log.error({ err: error, channel: label }, 'bus: channel error'))
    channel.on('close', () => {
      // When the whole connection drops, its channels close first and the connection right after, in the same tick.
      setImmediate(() => {
        if (!session.alive || this.closing) return
        this.log.error({ channel: label }, 'bus: channel closed unexpectedly, reconnecting')
        this.markLost(session)
        session.model.close().catch(() => {})
      })
    })
  }

  async close (): Promise<void> {
    if (this.closing) return
    this.closing = true
    for (const waiter of this.waiters) waiter.reject(new BusClosedError())
    this.waiters.clear()
    const session = this.active
    if (session !== undefined) this.markLost(session)
    await this.recovering?.close()
  }

  private async setup (model: ChannelModel): Promise<void> {
    const id = ++this.sessions
    let lostEarly = false
    let onClose = (): void => { lostEarly = true }
    model.on('error', (error: Error) => this.log.warn({ err: error }, 'bus: connection error'))
    model.on('close', () => onClose())
    const publisher = await model.createConfirmChannel()
    const session: Session = { id, model, publisher, alive: !lostEarly }
    onClose = () => this.markLost(session)
    this.watchChannel(session, publisher, 'publisher')
    await this.settings.setup(session)
    if (!session.alive) throw new Error('connection lost during setup')
    if (this.closing) return
    this.active = session
    this.log.info({ session: id }, 'bus: connected')
    for (const waiter of this.waiters) waiter.resolve(session)
    this.waiters.clear()
  }

  private markLost (session: Session): void {
    if (!session.alive) return
    session.alive = false
    if (this.active === session) {
      this.active = undefined
      if (!this.closing) this.log.warn({ session: session.id }, 'bus: connection lost')
    }
    this.settings.lost(session)
  }
}
