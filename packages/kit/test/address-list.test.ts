import t from 'tap'
import { Type } from 'typebox'
import { AddressListVariable, ConfigError, addressMatcher, loadConfig } from '../src/index.js'

const ADDRESSES = [
  '203.0.113.7', '203.0.113.8', '198.51.100.42', '198.51.101.1', '10.200.3.4', '11.0.0.1', '127.0.0.1', '127.9.9.9',
  '::1', '172.16.5.5', '172.32.0.1', '192.168.1.1', '169.254.1.1', 'fe80::1', 'fd00::1', '2001:db8::5', '2001:db9::1',
  '::ffff:203.0.113.7', '::ffff:198.51.100.42', '::ffff:10.1.1.1', '192.0.2.1', '192.0.2.200', '::ffff:192.0.2.9'
]

/** Each list (MEFP_ALLOWED_IPS, TRUST_PROXY) and which of ADDRESSES it takes in. */
const MATCHED: Array<[string[], string[]]> = [
  [['203.0.113.7'], ['203.0.113.7', '::ffff:203.0.113.7']],
  [['198.51.100.0/24'], ['198.51.100.42', '::ffff:198.51.100.42']],
  [['10.0.0.0/255.0.0.0'], ['10.200.3.4', '::ffff:10.1.1.1']],
  [['loopback'], ['127.0.0.1', '127.9.9.9', '::1']],
  [
    ['uniquelocal', 'linklocal'],
    ['10.200.3.4', '172.16.5.5', '192.168.1.1', '169.254.1.1', 'fe80::1', 'fd00::1', '::ffff:10.1.1.1']
  ],
  [['2001:db8::/32'], ['2001:db8::5']],
  [['::ffff:192.0.2.0/120'], ['192.0.2.1', '192.0.2.200', '::ffff:192.0.2.9']],
  [['::1'], ['::1']],
  [['192.0.2.1', '2001:db8::1/128'], ['192.0.2.1']]
]

t.test('a list takes in its addresses, CIDRs, netmasks and named ranges, IPv4-mapped addresses as IPv4', async (t) => {
  for (const [list, matched] of MATCHED) {
    const isListed = addressMatcher(list)
    t.same(ADDRESSES.filter((address) => isListed(address)), matched, list.join(','))
  }
})

t.test('a list that is not addresses is refused; an empty list takes in nobody', async (t) => {
  const refused = [
    ['not-an-ip'], ['10.0.0.0/33'], ['10.0.0.0/0'], ['10.0.0.0/255.0.255.0'], ['2001:db8::/129'], ['10.0.0.1/x']
  ]
  for (const list of refused) {
    t.throws(() => addressMatcher(list), `${list.join(',')} is refused`)
  }
  t.equal(addressMatcher([])('127.0.0.1'), false, 'an empty list allows nobody')
  t.equal(addressMatcher(['127.0.0.1'])('not-an-ip'), false)
})

t.test('an address list variable is checked when the configuration is loaded, and named when wrong', async (t) => {
  const Schema = Type.Object({ ALLOWED: AddressListVariable() })
  const listed = '10.0.0.0/8, loopback 203.0.113.7'
  t.equal(loadConfig(Schema, { ALLOWED: listed }).ALLOWED, listed)
  t.equal(loadConfig(Schema, {}).ALLOWED, '', 'empty unless given')
  const error = t.throws(() => loadConfig(Schema, { ALLOWED: '10.0.0.1,not-an-ip' })) as ConfigError
  t.type(error, ConfigError)
  t.same(error.variables, ['ALLOWED'])
  t.same(error.problems, ['ALLOWED must list IP addresses or CIDRs'])
})
