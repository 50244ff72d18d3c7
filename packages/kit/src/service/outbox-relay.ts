import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api'
import type { Bus, TraceCarrier } from '@driver/bus'
import type { Logger } from '@driver/contracts'
import type { Collection } from '@driver/store'

export interface OutboxEntry {
  _id: string
  name: string
  payload: unknown
  messageId: string
  requestId?: string
  /** The trace of the request that held it, so its publish joins that trace. */
  trace?: TraceCarrier
  createdAt: Date
  /** Not published before this: a held entry's deadline, a retry's backoff, or another relay's lease. */
  availableAt: Date
  attempts?: number
}

export interface OutboxRelayOptions {
  entries: Collection<OutboxEntry>
  bus: Bus
  log: Logger
  pollMs: number
  leaseMs: number
}

export interface OutboxRelay {
  start: () => void
  /** Publish what is due now rather than at the next poll. */
  kick: () => void
  stop: () => Promise<void>
}

const BATCH = 50
const MAX_BACKOFF_MS = 60_000

/**
 * Publishes due entries one at a time, oldest first, and deletes each once the
 * broker confirmed it. An entry is leased (its `availableAt` pushed ahead)
 * before publishing, so two processes do not publish it at once; a relay that
 * dies mid-publish leaves it to be taken again after the lease. A failed
 * publish backs off and ends the round: the broker is probably down.
 */
export function startOutboxRelay ({ entries, bus, log, pollMs, leaseMs }: OutboxRelayOptions): OutboxRelay {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let again = false
  let stopped = false

  const publishOne = async (entry: OutboxEntry): Promise<boolean> => {
    const now = Date.now()
    const leased = await entries.findOneAndUpdate(
      { _id: entry._id, availableAt: { $lte: new Date(now) } },
      { $set: { availableAt: new Date(now + leaseMs) } },
      { returnDocument: 'after' }
    )
    if (!leased) return true
    try {
      // The contract was checked when the entry was held.
      const { messageId, requestId } = leased
      const traced = leased.trace ? propagation.extract(ROOT_CONTEXT, leased.trace) : ROOT_CONTEXT
      await context.with(traced, () =>
        bus.publish(leased.name as never, leased.payload as never, { messageId, requestId }))
    } catch (error) {
      const attempts = (leased.attempts ?? 0) + 1
      const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempts - 1))
      const failed = { err: error, event: leased.name, messageId: leased.messageId, attempts }
      log.warn(failed, 'outbox: publish failed, will retry')
      await entries.updateOne({ _id: leased._id }, { $set: { availableAt: new Date(Date.now() + backoff), attempts } })
      return false
    }
    await entries.deleteOne({ _id: leased._id })
    return true
  }

  const round = async (): Promise<void> => {
    let due: OutboxEntry[]
    do {
      due = await entries.find({ availableAt: { $lte: new Date() } }, { sort: { availableAt: 1 }, limit: BATCH })
      for (const entry of due) {
        if (stopped || !(await publishOne(entry))) return
      }
    } while (due.length === BATCH && !stopped)
  }

  const kick = (): void => {
    if (stopped) return
    if (running) {
      // A release during a round is picked up by one more round right after it.
      again = true
      return
    }
    again = false
    running = round()
      .catch((error: unknown) => { log.error({ err: error }, 'outbox: relay round failed') })
      .finally(() => {
        running = undefined
        if (again) kick()
      })
  }

  return {
    start () {
      if (stopped || timer) return
      timer = setInterval(kick, pollMs)
      timer.unref()
      kick()
    },
    kick,
    async stop () {
      stopped = true
      clearInterval(timer)
      await running
    }
  }
}
