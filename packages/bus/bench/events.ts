import { randomUUID } from 'node:crypto'
import { connect } from 'amqplib'
import { AMQP_URL, benchScope } from './bench-scope.js'
import { phoneVerified } from './fixtures.js'
import { fmt } from './report.js'
import { runConcurrently, within } from './run-concurrently.js'

const PUBLISHES = 20_000
const SEQUENTIAL = 2_000
const IN_FLIGHT = 256
const PREFETCH = 64

/** Events/s published with confirms, consumed with acks, and both at once, on the real broker. */
export async function benchEvents (): Promise<string[][]> {
  const scope = benchScope()
  try {
    const publisher = await scope.connect('sms')
    // Declare the queue, then stop consuming so the publish figures are not sharing the CPU with a consumer.
    const first = await scope.connect('resumes')
    await first.subscribe('sms.phone_verified', () => {}, { subscription: 'bind-phone' })
    await first.close()

    const sequential = performance.now()
    await runConcurrently(SEQUENTIAL, 1, () => publisher.publish('sms.phone_verified', phoneVerified))
    const sequentialMs = performance.now() - sequential

    const batch = performance.now()
    await runConcurrently(PUBLISHES, IN_FLIGHT, () => publisher.publish('sms.phone_verified', phoneVerified))
    const batchMs = performance.now() - batch

    // The same publishes straight on an amqplib confirm channel: what the bus costs on top of the broker.
    const model = await connect(AMQP_URL, { noDelay: true })
    const raw = await model.createConfirmChannel()
    const body = Buffer.from(JSON.stringify(phoneVerified))
    const rawStart = performance.now()
    await runConcurrently(PUBLISHES, IN_FLIGHT, () => new Promise<void>((resolve, reject) => {
      const options = {
        persistent: true, type: 'sms.phone_verified', messageId: randomUUID(), contentType: 'application/json'
      }
      raw.publish(scope.exchange, 'sms.phone_verified', body, options,
        (error: unknown) => (error ? reject(error) : resolve()))
    }))
    const rawMs = performance.now() - rawStart
    await model.close()

    const queued = SEQUENTIAL + PUBLISHES * 2
    let handled = 0
    let drained: () => void = () => {}
    const done = new Promise<void>((resolve) => { drained = resolve })
    const consumer = await scope.connect('resumes', { prefetch: PREFETCH })
    const consuming = performance.now()
    await consumer.subscribe('sms.phone_verified', () => {
      if (++handled === queued) drained()
    }, { subscription: 'bind-phone' })
    await within(done, 120_000, 'draining the queue')
    const consumeMs = performance.now() - consuming

    handled = 0
    const both = new Promise<void>((resolve) => { drained = resolve })
    const endToEnd = performance.now()
    await runConcurrently(queued, IN_FLIGHT, () => publisher.publish('sms.phone_verified', phoneVerified))
    await within(both, 120_000, 'publishing and consuming')
    const endToEndMs = performance.now() - endToEnd

    return [
      ['publish, one at a time (confirm each)', fmt(SEQUENTIAL), fmt(SEQUENTIAL / sequentialMs * 1000)],
      [`publish, ${IN_FLIGHT} awaiting confirms`, fmt(PUBLISHES), fmt(PUBLISHES / batchMs * 1000)],
      [
        `baseline: raw amqplib confirm channel, ${IN_FLIGHT} awaiting confirms`,
        fmt(PUBLISHES), fmt(PUBLISHES / rawMs * 1000)
      ],
      [`consume from a full queue, prefetch ${PREFETCH}, ack each`, fmt(queued), fmt(queued / consumeMs * 1000)],
      ['publish and consume at once, end to end', fmt(queued), fmt(queued / endToEndMs * 1000)]
    ]
  } finally {
    await scope.teardown()
  }
}
