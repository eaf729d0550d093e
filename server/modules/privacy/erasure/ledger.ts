import { createHash } from 'node:crypto'

/**
 * The ledger names an erased record only by a hash of its kind and id: without the data it says
 * nothing about anyone; with a restored backup it finds the record again. Case work computes the
 * same hash in SQL (`encode(sha256(convert_to('person:' || id, 'UTF8')), 'hex')`).
 */
export function idHash(kind: 'person' | 'case', id: string): string {
  return createHash('sha256').update(`${kind}:${id}`, 'utf8').digest('hex')
}
