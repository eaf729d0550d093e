import type { Kysely } from 'kysely'
import type {
  ChangeKind,
  ConceptComparison,
  ConceptInterface,
  ConceptVersionDetail,
  GridRole,
} from '../../../../common/concept.ts'
import type { DB } from '../../../db/schema.ts'
import { DomainError } from '../../../platform/errors.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { authorizeOnConceptVersion } from '../steering.access.ts'
import { readVersion } from './concept.service.ts'
import { lineDiff } from './line-diff.ts'

/** What of an interface is compared; the names follow from the ids. */
const interfaceFields = [
  'organisationAId',
  'organisationBId',
  'domain',
  'process',
  'problem',
  'solution',
  'status',
] as const satisfies readonly (keyof ConceptInterface)[]

/**
 * Two versions side by side: sections matched by their key (a copy keeps it), each with its
 * paragraphs as kept, removed and added lines; the grid cells whose role changed; the interfaces
 * added, removed or changed, with the fields that changed.
 */
export function compare(from: ConceptVersionDetail, to: ConceptVersionDetail): ConceptComparison {
  return {
    from: stripDetail(from),
    to: stripDetail(to),
    sections: compareSections(from, to),
    grid: compareGrid(from, to),
    interfaces: compareInterfaces(from, to),
  }
}

function stripDetail(detail: ConceptVersionDetail) {
  const { sections: _s, grid: _g, interfaces: _i, consultations: _c, ...version } = detail
  return version
}

function compareSections(from: ConceptVersionDetail, to: ConceptVersionDetail) {
  const before = new Map(from.sections.map((section) => [section.key, section]))
  const after = new Map(to.sections.map((section) => [section.key, section]))
  // The order of the newer version, then what only the older one had, where it stood.
  const keys = [...to.sections.map((section) => section.key)]
  for (const section of from.sections) if (!after.has(section.key)) keys.push(section.key)
  return keys.map((key) => {
    const old = before.get(key)
    const current = after.get(key)
    const section = (current ?? old) as NonNullable<typeof old>
    const change: ChangeKind = !old
      ? 'added'
      : !current
        ? 'removed'
        : old.title === current.title && old.body === current.body
          ? 'same'
          : 'changed'
    return {
      key,
      kind: section.kind,
      domain: section.domain,
      fromTitle: old?.title ?? null,
      toTitle: current?.title ?? null,
      change,
      lines: lineDiff(old?.body ?? '', current?.body ?? ''),
    }
  })
}

function compareGrid(from: ConceptVersionDetail, to: ConceptVersionDetail) {
  const roleIn = (detail: ConceptVersionDetail) =>
    new Map(detail.grid.cells.map((cell) => [`${cell.domain}|${cell.organisationId}`, cell.role]))
  const before = roleIn(from)
  const after = roleIn(to)
  const names = new Map([...from.grid.actors, ...to.grid.actors].map((actor) => [actor.id, actor.name]))
  const order = new Map(to.grid.domains.map((domain, index) => [domain, index]))
  const cells = [...from.grid.cells, ...to.grid.cells]
  const seen = new Set<string>()
  return cells
    .filter((cell) => {
      const key = `${cell.domain}|${cell.organisationId}`
      if (seen.has(key)) return false
      seen.add(key)
      return (before.get(key) ?? 'none') !== (after.get(key) ?? 'none')
    })
    .map((cell) => {
      const key = `${cell.domain}|${cell.organisationId}`
      return {
        domain: cell.domain,
        organisationId: cell.organisationId,
        organisationName: names.get(cell.organisationId) ?? '',
        from: (before.get(key) ?? 'none') as GridRole,
        to: (after.get(key) ?? 'none') as GridRole,
      }
    })
    .sort(
      (a, b) =>
        (order.get(a.domain) ?? 0) - (order.get(b.domain) ?? 0) ||
        a.organisationName.localeCompare(b.organisationName, 'de'),
    )
}

function compareInterfaces(from: ConceptVersionDetail, to: ConceptVersionDetail) {
  const before = new Map(from.interfaces.map((each) => [each.key, each]))
  const after = new Map(to.interfaces.map((each) => [each.key, each]))
  const keys = [...to.interfaces.map((each) => each.key)]
  for (const each of from.interfaces) if (!after.has(each.key)) keys.push(each.key)
  return keys.map((key) => {
    const old = before.get(key) ?? null
    const current = after.get(key) ?? null
    const changedFields =
      old && current ? interfaceFields.filter((field) => old[field] !== current[field]) : []
    const change: ChangeKind = !old
      ? 'added'
      : !current
        ? 'removed'
        : changedFields.length > 0
          ? 'changed'
          : 'same'
    return { key, change, changedFields, from: old, to: current }
  })
}

/** A version left out of the query; named at its place there, which the edge cannot guess. */
const missingVersion = (field: 'from' | 'to') =>
  new DomainError('compare-versions-required', 'invalid', undefined, [
    { field, message: 'compare-versions-required', at: `querystring.${field}` },
  ])

export async function compareVersions(
  db: Kysely<DB>,
  actor: Actor,
  fromId: string | undefined,
  toId: string | undefined,
): Promise<ConceptComparison> {
  authorize(actor, 'steering.read', ownDistrict(actor))
  if (!fromId) throw missingVersion('from')
  if (!toId) throw missingVersion('to')
  await authorizeOnConceptVersion(db, actor, 'steering.read', fromId)
  await authorizeOnConceptVersion(db, actor, 'steering.read', toId)
  const [from, to] = await Promise.all([
    readVersion(db, actor.districtId, fromId),
    readVersion(db, actor.districtId, toId),
  ])
  return compare(from, to)
}
