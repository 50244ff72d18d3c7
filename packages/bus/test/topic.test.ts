import t from 'tap'
import { topicMatches } from '../src/index.js'

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
