import type { Kysely } from 'kysely'
import type {
  Overlap,
  OverlapList,
  OverlapQuery,
  ServiceDomain,
  TargetGroup,
} from '../../../../common/network.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTime } from '../../../platform/district-time.ts'
import { NotFound } from '../../../platform/errors.ts'
import { type Actor, authorize, can, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit } from '../../audit/index.ts'
import { displayNames, organisationNames } from '../../identity/index.ts'
import { ruleViolation } from '../network.access.ts'
import {
  deleteOverlapDecision,
  selectOverlapDecisions,
  selectOverlaps,
  selectServiceHeads,
  upsertOverlapDecision,
} from './service.queries.ts'

/** A pair is stored and named with the smaller id first. */
const ordered = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a])
const pairKey = (first: string, second: string) => `${first}:${second}`
/** One collator for the whole sort: `localeCompare` with a locale builds one per comparison. */
const german = new Intl.Collator('de')

/**
 * The overlap finder: pairs of current services of different organisations with the same domain,
 * target group and municipality, open ones first, then those the steering side marked as intended.
 */
export async function listOverlaps(
  db: Kysely<DB>,
  actor: Actor,
  query: OverlapQuery,
  now: Date,
): Promise<OverlapList> {
  authorize(actor, 'network.read', ownDistrict(actor))
  const { today } = await districtTime(db, actor.districtId, now)
  const [rows, decisions] = await Promise.all([
    selectOverlaps(db, actor.districtId, today, query),
    selectOverlapDecisions(db, actor.districtId),
  ])
  const decisionOf = new Map(
    decisions.map((decision) => [pairKey(decision.first_service_id, decision.second_service_id), decision]),
  )
  const heads = await selectServiceHeads(
    db,
    actor.districtId,
    rows.flatMap((row) => [row.first_id, row.second_id]),
  )
  const headOf = new Map(heads.map((head) => [head.id, head]))
  const [organisations, deciders] = await Promise.all([
    organisationNames(
      db,
      actor.districtId,
      heads.map((head) => head.organisation_id),
    ),
    displayNames(
      db,
      actor.districtId,
      decisions.map((decision) => decision.decided_by),
    ),
  ])
  const serviceOf = (id: string) => {
    const head = headOf.get(id)
    return {
      id,
      name: head?.name ?? '',
      organisationId: head?.organisation_id ?? '',
      organisationName: organisations.get(head?.organisation_id ?? '') ?? '',
    }
  }
  const items: Overlap[] = rows.map((row) => {
    const decision = decisionOf.get(pairKey(row.first_id, row.second_id))
    return {
      services: [serviceOf(row.first_id), serviceOf(row.second_id)],
      domains: row.domains as ServiceDomain[],
      targetGroups: row.target_groups as TargetGroup[],
      municipalityIds: row.municipality_ids,
      intended: decision
        ? {
            reason: decision.reason,
            decidedBy: deciders.get(decision.decided_by) ?? '',
            decidedAt: new Date(decision.decided_at).toISOString(),
          }
        : null,
    }
  })
  // Open first; within each, the widest overlap (most municipalities) first, then by name.
  items.sort(
    (a, b) =>
      Number(a.intended !== null) - Number(b.intended !== null) ||
      b.municipalityIds.length - a.municipalityIds.length ||
      german.compare(a.services[0].organisationName, b.services[0].organisationName) ||
      german.compare(a.services[0].name, b.services[0].name) ||
      german.compare(a.services[1].name, b.services[1].name),
  )
  const intended = items.filter((item) => item.intended !== null).length
  return {
    items,
    open: items.length - intended,
    intended,
    can: { decide: can(actor, 'overlap.decide', ownDistrict(actor)) },
  }
}

/** The current overlap of two services, if they overlap today. */
async function currentOverlap(db: Kysely<DB>, actor: Actor, first: string, second: string, now: Date) {
  const list = await listOverlaps(db, actor, {}, now)
  return list.items.find((item) => item.services[0].id === first && item.services[1].id === second)
}

/**
 * Marks an overlap as intended, with the reason (who and when are recorded). Only a pair that
 * overlaps today can be marked; marking again replaces the reason.
 */
export async function markOverlapIntended(
  db: Kysely<DB>,
  actor: Actor,
  serviceIds: [string, string],
  reason: string,
  request: RequestContext,
): Promise<Overlap> {
  authorize(actor, 'overlap.decide', ownDistrict(actor))
  const [first, second] = ordered(...serviceIds)
  const heads = await selectServiceHeads(db, actor.districtId, [first, second])
  if (heads.length !== 2) throw ruleViolation('unknown-reference', 'serviceIds')
  if (!(await currentOverlap(db, actor, first, second, request.now)))
    throw ruleViolation('not-an-overlap', 'serviceIds')
  await db.transaction().execute(async (trx) => {
    await upsertOverlapDecision(trx, {
      districtId: actor.districtId,
      firstId: first,
      secondId: second,
      reason,
      decidedBy: actor.userId,
      decidedAt: request.now.toISOString(),
    })
    await recordAudit(trx, {
      ...request,
      action: 'service-overlap.intend',
      subjectType: 'service',
      subjectId: first,
      purpose: `overlap with ${second}`,
    })
  })
  const overlap = await currentOverlap(db, actor, first, second, request.now)
  if (!overlap) throw new NotFound()
  return overlap
}

/** Takes back the mark: the pair is an open overlap again. */
export async function undoOverlapIntended(
  db: Kysely<DB>,
  actor: Actor,
  serviceIds: [string, string],
  request: RequestContext,
): Promise<void> {
  authorize(actor, 'overlap.decide', ownDistrict(actor))
  const [first, second] = ordered(...serviceIds)
  await db.transaction().execute(async (trx) => {
    if (!(await deleteOverlapDecision(trx, actor.districtId, first, second))) throw new NotFound()
    await recordAudit(trx, {
      ...request,
      action: 'service-overlap.undo',
      subjectType: 'service',
      subjectId: first,
      purpose: `overlap with ${second}`,
    })
  })
}
