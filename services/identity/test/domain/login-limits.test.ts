import t from 'tap'
import { LOGIN_WINDOW_MS, addressKeyOf, loginWindowOf, minutesUntil } from '../../src/domain/login-limits.js'

t.test('IPv4 addresses count by themselves, IPv6 addresses by their /64', async (t) => {
  t.equal(addressKeyOf('192.0.2.1'), '192.0.2.1')
  t.equal(addressKeyOf('::ffff:192.0.2.1'), '192.0.2.1', 'the IPv4-mapped form is the IPv4 address')
  t.equal(addressKeyOf('2001:db8:1:2:3:4:5:6'), '2001:db8:1:2::/64')
  t.equal(addressKeyOf('2001:DB8:1:2::9'), '2001:db8:1:2::/64', 'case and the short form do not matter')
  t.equal(addressKeyOf('2001:0db8:0001:0002:ffff::1'), '2001:db8:1:2::/64', 'nor leading zeros')
  t.equal(addressKeyOf('2001:db8::1'), '2001:db8:0:0::/64')
  t.equal(addressKeyOf('::1'), '0:0:0:0::/64')
  t.equal(addressKeyOf('64:ff9b::192.0.2.1'), '64:ff9b:0:0::/64', 'an embedded IPv4 tail')
  t.not(addressKeyOf('2001:db8:1:2::1'), addressKeyOf('2001:db8:1:3::1'), 'the next /64 is another client')
})

t.test('a window is named by its index and ends on its boundary', async (t) => {
  const start = new Date(LOGIN_WINDOW_MS * 1000)
  const window = loginWindowOf('login_name', '13800000000', start)
  t.same(window, { key: 'login_name:13800000000:1000', endsAt: new Date(LOGIN_WINDOW_MS * 1001) })
  t.same(
    loginWindowOf('login_name', '13800000000', new Date(start.getTime() + LOGIN_WINDOW_MS - 1)),
    window,
    'the same window until its last millisecond'
  )
  t.equal(loginWindowOf('ip', '192.0.2.1', new Date(start.getTime() + LOGIN_WINDOW_MS)).key, 'ip:192.0.2.1:1001')
  t.equal(minutesUntil(window.endsAt, start), 15)
  t.equal(minutesUntil(window.endsAt, new Date(window.endsAt.getTime() - 1)), 1, 'at least a minute')
})
