// Type tests: `pnpm typecheck` compiles this file (tsconfig.check.json); tap never runs it.
// Each Expect<Equal<…>> is an exact-type assertion; each @ts-expect-error must stay an error.
import type { Equal, Expect } from '@driver/testing'
import type { Bus, MatchingNames } from '../src/index.js'
import type { TestContracts } from './helpers/test-contracts.js'

type Names = 'orders.placed' | 'orders.item.returned' | 'billing.invoice_issued'

/** The rules of topicMatches (topic.test.ts) pick, at compile time, the names a pattern routes. */
export type PatternsPickNames = [
  // * is exactly one word
  Expect<Equal<MatchingNames<Names, 'orders.*'>, 'orders.placed'>>,
  Expect<Equal<MatchingNames<Names, '*.item.*'>, 'orders.item.returned'>>,
  Expect<Equal<MatchingNames<Names, '*'>, never>>,
  // # is zero or more words, anywhere
  Expect<Equal<MatchingNames<Names, 'orders.#'>, 'orders.placed' | 'orders.item.returned'>>,
  Expect<Equal<MatchingNames<Names, '#.returned'>, 'orders.item.returned'>>,
  Expect<Equal<MatchingNames<Names, 'orders.#.returned'>, 'orders.item.returned'>>,
  Expect<Equal<
    MatchingNames<'sms' | 'sms.phone.verified' | 'media.saved.twice', 'sms.#'>, 'sms' | 'sms.phone.verified'
  >>,
  Expect<Equal<
    MatchingNames<'sms.verified' | 'sms.phone.verified', 'sms.#.verified'>, 'sms.verified' | 'sms.phone.verified'
  >>,
  Expect<Equal<MatchingNames<Names, '#'>, Names>>,
  // a literal matches only itself
  Expect<Equal<MatchingNames<Names, 'orders.placed'>, 'orders.placed'>>,
  Expect<Equal<MatchingNames<Names, 'orders'>, never>>,
  // a pattern known only as a string may route any name
  Expect<Equal<MatchingNames<Names, string>, Names>>
]

/** subscribe types its handler from the pattern: the matching names and the union of their payloads. */
export async function subscribeTypesTheHandler (bus: Bus<TestContracts>): Promise<void> {
  await bus.subscribe('orders.*', (payload, _context) => {
    type _Routed = [
      Expect<Equal<typeof _context.name, 'orders.placed' | 'orders.shipped'>>,
      Expect<Equal<typeof payload, { orderId: string, total: number } | { orderId: string }>>
    ]
    // @ts-expect-error only orders.placed carries a total
    payload.total.toFixed()
  })
  await bus.subscribe('orders.#', (_payload, _context) => {
    type _Routed = Expect<Equal<typeof _context.name, 'orders.placed' | 'orders.shipped' | 'orders.item.returned'>>
  })
}
