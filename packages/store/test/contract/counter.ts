import type { Test } from 'tap'
import type { Adapter } from './harness.js'

export function counterContract (t: Test, adapter: Adapter): void {
  t.test('a counter counts 1, 2, 3 and counters are independent', async (t) => {
    const { store } = await adapter.open(t)
    const users = store.counter('users')
    t.same([await users.next(), await users.next(), await users.next()], [1, 2, 3])
    t.equal(await store.counter('drivers').next(), 1)
    t.equal(await store.counter('users').next(), 4, 'another handle on the same name continues it')
  })

  t.test('200 concurrent next() calls give 1..200, each exactly once', async (t) => {
    const { store } = await adapter.open(t)
    const counter = store.counter('consignors')
    const values = await Promise.all(Array.from({ length: 200 }, async () => await counter.next()))
    t.same([...values].sort((a, b) => a - b), Array.from({ length: 200 }, (_, index) => index + 1))
  })
}
