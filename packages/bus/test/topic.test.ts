import t from 'tap'
import { topicMatches, type MatchingNames } from '../src/index.js'

t.test('* matches exactly one word', async (t) => {
  t.ok(topicMatches('sms.*', 'sms.phone_verified'))
  t.notOk(topicMatches('sms.*', 'sms.phone.verified'))
  t.notOk(topicMatches('sms.*', 'sms'))
  t.ok(topicMatches('*.phone_verified', 'sms.phone_verified'))
})

t.test('# matches zero or more words, anywhere', async (t) => {
  t.ok(topicMatches('#', 'sms.phone_verified'))
  t.ok(topicMatches('sms.#', 'sms'))
  t.ok(topicMatches('sms.#', 'sms.phone.verified'))
  t.ok(topicMatches('#.verified', 'sms.phone.verified'))
  t.ok(topicMatches('sms.#.verified', 'sms.verified'))
  t.notOk(topicMatches('sms.#', 'media.saved'))
  t.notOk(topicMatches('#.saved', 'media.saved.twice'))
})

t.test('a literal pattern matches only itself', async (t) => {
  t.ok(topicMatches('sms.phone_verified', 'sms.phone_verified'))
  t.notOk(topicMatches('sms.phone_verified', 'sms.phone_verified.again'))
})

t.test('the same rules pick the names a pattern routes at compile time', async (t) => {
  type Names = 'orders.placed' | 'orders.item.returned' | 'billing.invoice_issued'
  const oneWord: MatchingNames<Names, 'orders.*'> = 'orders.placed'
  // @ts-expect-error orders.* does not route a three-word name
  const notOneWord: MatchingNames<Names, 'orders.*'> = 'orders.item.returned'
  const anyWords: Array<MatchingNames<Names, 'orders.#'>> = ['orders.placed', 'orders.item.returned']
  // @ts-expect-error orders.# does not route billing events
  const notBilling: MatchingNames<Names, 'orders.#'> = 'billing.invoice_issued'
  const everything: Array<MatchingNames<Names, '#'>> = ['orders.placed', 'orders.item.returned', 'billing.invoice_issued']
  t.ok([oneWord, notOneWord, anyWords, notBilling, everything])
})
