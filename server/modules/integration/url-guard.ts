import { lookup as dnsLookup } from 'node:dns'
import { BlockList, isIP, type LookupFunction } from 'node:net'

/**
 * The SSRF guard of webhooks (decision 0023). Only http and https, no credentials in the URL.
 * Addresses inside private, loopback, link-local and similar networks are refused unless the
 * district allows them (an integration may run in the district's own network). The check runs
 * where the connection is made (a `lookup` that vets every address DNS answers), so a name that
 * resolves to an inner address at sending time is caught, not only at saving time.
 */

const privateNetworks = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  privateNetworks.addSubnet(network, prefix, 'ipv4')
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  privateNetworks.addSubnet(network, prefix, 'ipv6')

/** Whether an IP address lies in a network that is not the public internet. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 4) return privateNetworks.check(address, 'ipv4')
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
    if (mapped) return privateNetworks.check(mapped[1] as string, 'ipv4')
    return privateNetworks.check(address, 'ipv6')
  }
  return true
}

export type UrlVerdict =
  | { ok: true; url: URL }
  | { ok: false; reason: 'webhook-url-invalid' | 'webhook-url-private' }

/** Checks a webhook URL as typed: scheme, host, no credentials; a literal inner address or localhost. */
export function checkWebhookUrl(text: string, allowPrivate: boolean): UrlVerdict {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return { ok: false, reason: 'webhook-url-invalid' }
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    !url.hostname ||
    url.username ||
    url.password
  )
    return { ok: false, reason: 'webhook-url-invalid' }
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const inner =
    host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && isPrivateAddress(host))
  if (inner && !allowPrivate) return { ok: false, reason: 'webhook-url-private' }
  return { ok: true, url }
}

/** A DNS lookup for the HTTP client that refuses inner addresses unless they are allowed. */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0)
      const list = addresses as { address: string; family: number }[]
      const allowed = allowPrivate ? list : list.filter((entry) => !isPrivateAddress(entry.address))
      const first = allowed[0]
      if (!first) {
        const refused = Object.assign(new Error('address-not-allowed'), { code: 'EADDRNOTALLOWED' })
        return callback(refused, '', 0)
      }
      if (options.all) return (callback as unknown as (e: null, a: typeof allowed) => void)(null, allowed)
      callback(null, first.address, first.family)
    })
  }
}
