import proxyaddr from 'proxy-addr'
import { Type } from 'typebox'
import { listOf } from '@driver/kit'

export type AddressMatcher = (address: string) => boolean

/** Compiles a list of IPs and CIDRs (v4 or v6; IPv4-mapped IPv6 addresses match their v4 form). */
export function addressMatcher (entries: string[]): AddressMatcher {
  if (entries.length === 0) return () => false
  const trusted = proxyaddr.compile(entries)
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
