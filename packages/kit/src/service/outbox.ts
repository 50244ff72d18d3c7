import fp from 'fastify-plugin'
import { contracts, type Contracts, type EventName, type EventPayload } from '@driver/contracts'
import { injectTrace } from '@driver/bus'
import { newId } from '@driver/store'
import Value from 'typebox/value'
import { outboxMetrics } from './outbox-metrics.js'
import { startOutboxRelay, type OutboxEntry } from './outbox-relay.js'

export interface OutboxOptions {
  /**
   * How long a held entry waits for its release before the relay publishes it anyway (crash recovery). Default 30 s.
   */
  holdMs?: number
  /** How often the relay looks for entries left unsent (broker down, process restarted). Default 5 s. */
  pollMs?: number
  /** How long a relay owns an entry it is publishing; another process may take it over after. Default 30 s. */
  leaseMs?: number
}

export interface HoldOptions {
  /**
   * The message id consumers deduplicate on. Give one derived from the fact
   * (the same fact recorded twice, say by a retry after a crash, is then
   * handled once); a fresh id otherwise.
   */
  messageId?: string
  requestId?: string
}

/** An event recorded before the change it announces. */
export interface HeldEvent {
  /** The change is made: publish now. */
  release: () => Promise<void>
  /** The change did not happen: drop the event. */
  discard: () => Promise<void>
}

export interface Outbox {
  /**
   * Records an event in the service's store before the change it follows. If
   * the process dies before `release` or `discard`, the relay publishes it once
   * `holdMs` has passed; if it dies after, the relay publishes it at the next
   * start. Either way it is published at least once, with confirms.
   */
  hold: <N extends EventName<Contracts>>(
    name: N, payload: EventPayload<Contracts, N>, options?: HoldOptions
  ) => Promise<HeldEvent>
}

declare module 'fastify' {
  interface FastifyInstance {
    outbox: Outbox
  }
}

/** The transactional outbox: events live in the `outbox` collection until the relay has published them. */
export const outboxPlugin = fp<OutboxOptions>(async (app, { holdMs = 30_000, pollMs = 5_000, leaseMs = 30_000 }) => {
  const entries = app.store.collection<OutboxEntry>('outbox')
  await entries.createIndex({ availableAt: 1 })
  outboxMetrics(app.metrics, entries)
  const relay = startOutboxRelay({ entries, bus: app.bus, log: app.log, pollMs, leaseMs })
  app.addHook('onReady', async () => { relay.start() })
  app.addHook('onClose', () => relay.stop())

  app.decorate('outbox', {
    async hold (name, payload, { messageId, requestId } = {}) {
      const contract = contracts.events[name]
      // An entry that breaks its contract could never be published; refuse it now.
      if (!Value.Check(contract.payload, payload)) throw new TypeError(`${name} does not match its contract`)
      const _id = newId()
      const now = Date.now()
      const trace = injectTrace()
      await entries.insertOne({
        _id,
        name,
        payload,
        messageId: messageId ?? _id,
        requestId,
        ...(trace === undefined ? {} : { trace }),
        createdAt: new Date(now),
        availableAt: new Date(now + holdMs)
      })
      return {
        async release () {
          await entries.updateOne({ _id }, { $set: { availableAt: new Date() } })
          relay.kick()
        },
        async discard () {
          await entries.deleteOne({ _id })
        }
      }
    }
  } satisfies Outbox)
}, { name: 'outbox', dependencies: ['store', 'bus'] })
