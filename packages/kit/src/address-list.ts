import { BlockList, isIP } from 'node:net'
import { Type } from 'typebox'
import { listOf } from './config.js'

export type AddressMatcher = (address: string) => boolean

/** The names Fastify's `trustProxy` (proxy-addr) accepts for well-known ranges. */
const NAMED_RANGES: Record<string, string[]> = {
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  loopback: ['127.0.0.1/8', '::1/128'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7']
}

/** The prefix length of a dotted IPv4 netmask (255.255.255.0 → 24), or undefined when its ones are not contiguous. */
function prefixOfNetmask (mask: string): number | undefined {
  const bits = mask.split('.').map((part) => Number(part).toString(2).padStart(8, '0')).join('')
  return /^1*0*$/.test(bits) ? bits.indexOf('0') === -1 ? 32 : bits.indexOf('0') : undefined
}

/** Adds one entry (`ip`, `ip/prefix`, `ipv4/netmask`) to the list, or throws as proxy-addr would. */
function addEntry (list: BlockList, entry: string): void {
  const slash = entry.lastIndexOf('/')
  const address = slash === -1 ? entry : entry.slice(0, slash)
  const version = isIP(address)
  if (version === 0) throw new TypeError(`invalid IP address: ${address}`)
  const family = version === 4 ? 'ipv4' : 'ipv6'
  const max = version === 4 ? 32 : 128
  const range = slash === -1 ? String(max) : entry.slice(slash + 1)
  const prefix = /^[0-9]+$/.test(range) ? Number(range) : version === 4 && isIP(range) === 4 ? prefixOfNetmask(range) : undefined
  if (prefix === undefined || prefix <= 0 || prefix > max) throw new TypeError(`invalid range on address: ${entry}`)
  list.addSubnet(address, prefix, family)
}

/**
 * Compiles a list of IPs and CIDRs (v4 or v6; IPv4-mapped IPv6 addresses match
 * their v4 form), with the grammar of Fastify's `trustProxy`: an address, a
 * CIDR, an IPv4 address with a dotted netmask, or `loopback`, `linklocal`,
 * `uniquelocal`. Throws on anything else, so a list is checked when loaded.
 */
export function addressMatcher (entries: string[]): AddressMatcher {
  if (entries.length === 0) return () => false
  const list = new BlockList()
  for (const entry of entries.flatMap((item) => NAMED_RANGES[item] ?? [item])) addEntry(list, entry)
  return (address) => {
    const version = isIP(address)
    return version !== 0 && list.check(address, version === 4 ? 'ipv4' : 'ipv6')
  }
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
