import proxyAddr from 'proxy-addr'
import { Type } from 'typebox'
import { listOf } from './config.js'

export type AddressMatcher = (address: string) => boolean

/**
 * Compiles a list of IPs and CIDRs with proxy-addr, the library Fastify reads
 * `trustProxy` with, so MEFP_ALLOWED_IPS and TRUST_PROXY share one grammar: an
 * address, a CIDR, an IPv4 address with a dotted netmask, or `loopback`,
 * `linklocal`, `uniquelocal`; IPv4-mapped IPv6 addresses match their v4 form.
 * Throws on anything else, so a list is checked when loaded.
 */
export function addressMatcher (entries: string[]): AddressMatcher {
  const trusted = proxyAddr.compile(entries)
  return (address) => trusted(address, 0)
}

/** A config variable holding IPs and CIDRs, checked when the configuration is loaded. */
export function AddressListVariable () {
  return Type.Refine(Type.String({ default: '' }), (value) => {
    try {
      addressMatcher(listOf(value))
      return true
    } catch {
      return false
    }
  }, () => 'must list IP addresses or CIDRs')
}
