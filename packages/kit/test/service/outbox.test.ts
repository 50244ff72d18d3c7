import t from 'tap'
import pino from 'pino'
import { InProcessBroker, type MessageContext } from '@driver/bus'
import { openStore, type Collection } from '@driver/store'
import { waitFor } from '@driver/testing'
import { startOutboxRelay, type OutboxEntry } from '../../src/service/outbox-relay.js'
import { build, flakyBus, phoneVerified, phoneVerifiedBy, type FlakyBus, type KitTest, type Tap } from '../helper.js'

const OTHER_USER = 'aaaaaaaaaaaaaaaaaaaaaaaa'

/** The users of the `sms.phone_verified` events the peer received, in order, with their contexts. */
async function received (service: KitTest): Promise<{ users: string[], contexts: MessageContext[] }> {
  const seen = { users: [] as string[], contexts: [] as MessageContext[] }
  await service.peer.subscribe('sms.phone_verified', ({ wxUserId }, context) => {
    seen.users.push(wxUserId)
    seen.contexts.push(context)
  })
  return seen
}

t.test('an event held then released is published at once, once, and the outbox is then empty', async (t) => {
  // No poll comes in the test's time: only the release can have the relay publish it.
  const service = await build(t, { outbox: { pollMs: 60_000 } })
  const seen = await received(service)

  const held = await service.app.outbox.hold('sms.phone_verified', phoneVerified)
  t.equal(await service.outboxSize(), 1, 'recorded before the change it announces')
  await held.release()
  await waitFor('the event', () => seen.users.length === 1)
  await waitFor('the outbox to be empty', async () => await service.outboxSize() === 0)

  // Published after it, the next event arrives after any copy of it would have.
  await (await service.app.outbox.hold('sms.phone_verified', phoneVerifiedBy(OTHER_USER))).release()
  await waitFor('the next event', () => seen.users.includes(OTHER_USER))
  t.same(seen.users, [phoneVerified.wxUserId, OTHER_USER])
})

t.test('a discarded event is never published', async (t) => {
  const service = await build(t, { outbox: { holdMs: 50, pollMs: 10 } })
  const seen = await received(service)

  const held = await service.app.outbox.hold('sms.phone_verified', phoneVerified)
  await held.discard()
  t.equal(await service.outboxSize(), 0)

  // Held after it and never released: once the relay publishes this one, the discarded one's hold has expired too.
  await service.app.outbox.hold('sms.phone_verified', phoneVerifiedBy(OTHER_USER))
  await waitFor('the later event', () => seen.users.length === 1)
  t.same(seen.users, [OTHER_USER])
})

t.test('an event never released (the process died) is published by the relay once holdMs has passed', async (t) => {
  const holdMs = 200
  const service = await build(t, { outbox: { holdMs, pollMs: 10 } })
  const seen = await received(service)

  const heldAt = Date.now()
  const held = await service.app.outbox.hold('sms.phone_verified', phoneVerified)
  await waitFor('the event', () => seen.users.length === 1)
  t.ok(Date.now() - heldAt >= holdMs, 'not before its hold expired')
  await waitFor('the outbox to be empty', async () => await service.outboxSize() === 0)

  await held.release()
  await (await service.app.outbox.hold('sms.phone_verified', phoneVerifiedBy(OTHER_USER))).release()
  await waitFor('the next event', () => seen.users.includes(OTHER_USER))
  t.same(seen.users, [phoneVerified.wxUserId, OTHER_USER],
    'a release arriving after the relay published it sends nothing more')
})

t.test('a publish that fails keeps the entry, backs off, and succeeds once the bus is back', async (t) => {
  let bus!: FlakyBus
  const service = await build(t, { outbox: { pollMs: 10 }, bus: (broker) => (bus = flakyBus(broker.connect('bare'))) })
  const seen = await received(service)
  const entries = service.app.store.collection<OutboxEntry>('outbox')

  bus.down = true
  await (await service.app.outbox.hold('sms.phone_verified', phoneVerified)).release()
  await waitFor('the second failure to be recorded', async () => (await entries.findOne({}))?.attempts === 2)
  const [first, second] = bus.attempts
  t.equal(bus.attempts.length, 2)
  t.ok(second!.at - first!.at >= 1_000, `1 s after the first failure (${second!.at - first!.at} ms)`)
  const entry = await entries.findOne({})
  const backoff = entry!.availableAt.getTime() - second!.at
  t.ok(backoff >= 2_000 && backoff < 2_500, `then 2 s after the second (${backoff} ms)`)
  t.same(seen.users, [])
  t.equal(service.logs.filter((line) => line.msg === 'outbox: publish failed, will retry').length, 2)

  bus.down = false
  await waitFor('the event', () => seen.users.length === 1)
  await waitFor('the outbox to be empty', async () => await service.outboxSize() === 0)
  t.same(bus.attempts.map((attempt) => attempt.ok), [false, false, true])
})

t.test('consumers see the message id given at hold, and the request id', async (t) => {
  const service = await build(t)
  const seen = await received(service)

  const ids = { messageId: 'phone-verified:13812345678', requestId: 'req-7' }
  await (await service.app.outbox.hold('sms.phone_verified', phoneVerified, ids)).release()
  await waitFor('the event', () => seen.contexts.length === 1)
  t.match(seen.contexts[0], { messageId: 'phone-verified:13812345678', requestId: 'req-7', source: 'bare' })

  await (await service.app.outbox.hold('sms.phone_verified', phoneVerified)).release()
  await (await service.app.outbox.hold('sms.phone_verified', phoneVerified)).release()
  await waitFor('two more', () => seen.contexts.length === 3)
  const [, one, another] = seen.contexts.map((context) => context.messageId)
  t.match(one, /^[0-9a-f]{24}$/, 'without one, the entry\'s own id')
  t.not(one, another, 'a fresh id per event')
})

t.test('a payload that breaks its contract is refused at hold, and nothing is stored', async (t) => {
  const service = await build(t)

  await t.rejects(service.app.outbox.hold('sms.phone_verified', { ...phoneVerified, phone: '12345' }), {
    name: 'TypeError', message: /sms\.phone_verified does not match its contract/
  })
  await t.rejects(service.app.outbox.hold('sms.phone_verified', { ...phoneVerified, verifiedAt: 'yesterday' }),
    TypeError)
  t.equal(await service.outboxSize(), 0)
})

t.test('closing the app stops its relay; ' +
  'the entry left behind is published when the service starts again', async (t) => {
  const dataDir = t.testdir()
  const outbox = { holdMs: 100, pollMs: 10 }
  let bus!: FlakyBus
  const before = await build(t, { dataDir, outbox, bus: (broker) => (bus = flakyBus(broker.connect('bare'))) })
  const seen = await received(before)
  await before.app.outbox.hold('sms.phone_verified', phoneVerified)
  await before.app.close()
  const linesAtClose = before.logs.length

  const after = await build(t, { dataDir, outbox, broker: before.broker })
  await waitFor('the restarted service to publish it', () => seen.users.length === 1)
  await waitFor('the outbox to be empty', async () => await after.outboxSize() === 0)
  t.same(bus.attempts, [], 'the closed service never tried, though its relay polled every 10 ms before')
  t.same(before.logs.slice(linesAtClose).filter((line) => line.msg.startsWith('outbox:')), [],
    'nor failed a round on its closed store')
})

/** An outbox in a store of its own, with entries due (oldest first: the order of `messageIds`), and relays on it. */
async function outboxWithRelays (
  t: Tap, relays: number, entries: Array<{ messageId: string, dueMsAgo: number }>
): Promise<{ outbox: Collection<OutboxEntry>, buses: FlakyBus[] }> {
  const store = await openStore({ service: 'bare', dataDir: t.testdir() })
  const outbox = store.collection<OutboxEntry>('outbox')
  const now = Date.now()
  for (const { messageId, dueMsAgo } of entries) {
    await outbox.insertOne({
      _id: messageId,
      name: 'sms.phone_verified',
      payload: phoneVerified,
      messageId,
      createdAt: new Date(now),
      availableAt: new Date(now - dueMsAgo)
    })
  }
  const broker = new InProcessBroker()
  const buses = Array.from({ length: relays }, () => flakyBus(broker.connect('bare')))
  // Polls never come in the test's time: each relay does the one round it starts with.
  const log = pino({ level: 'silent' })
  const running = buses.map((bus) => startOutboxRelay({ entries: outbox, bus, log, pollMs: 60_000, leaseMs: 30_000 }))
  t.teardown(async () => {
    for (const relay of running) await relay.stop()
    for (const bus of buses) await bus.close()
    await store.close()
  })
  for (const relay of running) relay.start()
  return { outbox, buses }
}

t.test('the relay publishes due entries oldest first', async (t) => {
  const { outbox, buses: [bus] } = await outboxWithRelays(t, 1, [
    { messageId: 'second', dueMsAgo: 2_000 },
    { messageId: 'third', dueMsAgo: 1_000 },
    { messageId: 'first', dueMsAgo: 3_000 }
  ])
  await waitFor('the outbox to be empty', async () => await outbox.countDocuments() === 0)
  t.same(bus!.attempts.map((attempt) => attempt.messageId), ['first', 'second', 'third'])
})

t.test('two relays on one outbox publish each entry once: each leases an entry before publishing it', async (t) => {
  const due = Array.from({ length: 20 }, (_, i) => ({ messageId: `m-${i}`, dueMsAgo: 1_000 - i }))
  const { outbox, buses } = await outboxWithRelays(t, 2, due)
  await waitFor('the outbox to be empty', async () => await outbox.countDocuments() === 0)
  const published = buses.flatMap((bus) => bus.attempts.map((attempt) => attempt.messageId))
  t.same([...published].sort(), due.map((entry) => entry.messageId).sort(), 'every entry, none twice')
  t.comment(`shared ${buses.map((bus) => bus.attempts.length).join(' / ')}`)
})
