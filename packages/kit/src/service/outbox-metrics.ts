import { Gauge, type Registry } from 'prom-client'
import type { Collection } from '@driver/store'
import type { OutboxEntry } from './outbox-relay.js'

/**
 * The outbox's backlog, read from the store when Prometheus scrapes: how many
 * events wait to be published (held for their change, or unsent because the
 * broker is down), and how long the oldest has waited. Both near zero when all is well.
 */
export function outboxMetrics (registry: Registry, entries: Collection<OutboxEntry>, clock = Date.now): void {
  const registers = [registry]
  new Gauge({
    name: 'outbox_events_held',
    help: 'Events in the outbox, not yet published',
    registers,
    async collect () {
      this.set(await entries.countDocuments({}))
    }
  })
  new Gauge({
    name: 'outbox_oldest_event_age_seconds',
    help: 'Seconds since the oldest event still in the outbox was recorded; 0 when it is empty',
    registers,
    async collect () {
      const [oldest] = await entries.find({}, { sort: { createdAt: 1 }, limit: 1 })
      this.set(oldest === undefined ? 0 : Math.max(0, clock() - oldest.createdAt.getTime()) / 1000)
    }
  })
}
