import t from 'tap'
import proxyaddr from 'proxy-addr'
import { addressMatcher } from '@driver/kit'

/**
 * Kit's matcher checks MEFP_ALLOWED_IPS and TRUST_PROXY; Fastify hands
 * TRUST_PROXY to proxy-addr. Both must read a list alike.
 */
const LISTS = [
  ['203.0.113.7'], ['198.51.100.0/24'], ['10.0.0.0/255.0.0.0'], ['loopback'], ['uniquelocal', 'linklocal'],
  ['2001:db8::/32'], ['::ffff:192.0.2.0/120'], ['::1'], ['192.0.2.1', '2001:db8::1/128']
]
const ADDRESSES = [
  '203.0.113.7', '203.0.113.8', '198.51.100.42', '198.51.101.1', '10.200.3.4', '11.0.0.1', '127.0.0.1', '127.9.9.9', '::1',
  '172.16.5.5', '172.32.0.1', '192.168.1.1', '169.254.1.1', 'fe80::1', 'fd00::1', '2001:db8::5', '2001:db9::1',
  '::ffff:203.0.113.7', '::ffff:198.51.100.42', '::ffff:10.1.1.1', '192.0.2.1', '192.0.2.200', '::ffff:192.0.2.9'
]

t.test('the kit matcher agrees with proxy-addr on every listed case', async (t) => {
  for (const list of LISTS) {
    const ours = addressMatcher(list)
    const theirs = proxyaddr.compile(list)
    for (const address of ADDRESSES) t.equal(ours(address), theirs(address, 0), `${address} in ${list.join(',')}`)
  }
})

t.test('lists proxy-addr refuses are refused too', async (t) => {
  for (const list of [['not-an-ip'], ['10.0.0.0/33'], ['10.0.0.0/0'], ['10.0.0.0/255.0.255.0'], ['2001:db8::/129'], ['10.0.0.1/x']]) {
    t.throws(() => proxyaddr.compile(list), `proxy-addr refuses ${list.join(',')}`)
    t.throws(() => addressMatcher(list), `kit refuses ${list.join(',')}`)
  }
  t.equal(addressMatcher([])('127.0.0.1'), false, 'an empty list allows nobody')
  t.equal(addressMatcher(['127.0.0.1'])('not-an-ip'), false)
})
