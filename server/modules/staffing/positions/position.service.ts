import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type {
  Baustein,
  EmployerKind,
  Position,
  PositionDetail,
  positionInputSchema,
} from '../../../../common/staffing.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTime } from '../../../platform/district-time.ts'
import { Conflict, NotFound, PreconditionRequired } from '../../../platform/errors.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit, recordAuditAlone } from '../../audit/index.ts'
import { municipalityNames } from '../../districts/index.ts'
import { organisationNames } from '../../identity/index.ts'
import { type ContractRow, selectContracts } from '../contracts/contract.queries.ts'
import { presentContract, spanOf, staffNameOf } from '../contracts/contract.service.ts'
import { authorizeOnPosition, ruleViolation } from '../staffing.access.ts'
import { assignedOn, fteEpsilon } from '../staffing-days.ts'
import { refreshWarningTasksNow } from '../warnings/warning-tasks.ts'
import {
  insertPosition,
  lockPosition,
  type PositionRow,
  selectPositions,
  updatePositionIfVersion,
} from './position.queries.ts'
import { positionState } from './position-state.ts'

/** Positions with their contracts, grouped: what warnings, timeline and budget start from. */
export async function positionsWithContracts(db: Kysely<DB>, districtId: string) {
  const [positions, contracts] = await Promise.all([
    selectPositions(db, districtId),
    selectContracts(db, districtId),
  ])
  const byPosition = new Map<string, ContractRow[]>()
  for (const contract of contracts) {
    byPosition.set(contract.position_id, [...(byPosition.get(contract.position_id) ?? []), contract])
  }
  return positions.map((position) => ({ position, contracts: byPosition.get(position.id) ?? [] }))
}

async function present(
  db: Kysely<DB>,
  districtId: string,
  entries: readonly { position: PositionRow; contracts: readonly ContractRow[] }[],
  today: string,
): Promise<Position[]> {
  const [organisations, municipalities] = await Promise.all([
    organisationNames(
      db,
      districtId,
      entries.flatMap(({ position }) =>
        position.employer_organisation_id ? [position.employer_organisation_id] : [],
      ),
    ),
    municipalityNames(
      db,
      districtId,
      entries.flatMap(({ position }) => (position.municipality_id ? [position.municipality_id] : [])),
    ),
  ])
  return entries.map(({ position, contracts }) => {
    const spans = contracts.map(spanOf)
    const assigned = assignedOn(spans, today)
    const running = contracts.filter((contract) => assignedOn([spanOf(contract)], today) > 0)
    return {
      id: position.id,
      baustein: position.baustein as Baustein,
      title: position.title,
      fte: position.fte,
      employerKind: position.employer_kind as EmployerKind,
      employerOrganisationId: position.employer_organisation_id,
      employerOrganisationName: position.employer_organisation_id
        ? (organisations.get(position.employer_organisation_id) ?? null)
        : null,
      municipalityId: position.municipality_id,
      municipalityName: position.municipality_id
        ? (municipalities.get(position.municipality_id) ?? null)
        : null,
      area: position.area,
      payGrade: position.pay_grade,
      fundingProgramme: position.funding_programme,
      fundedFrom: position.funded_from,
      fundedUntil: position.funded_until,
      workplaceSetUpOn: position.workplace_set_up_on,
      inRecruitment: position.in_recruitment,
      assignedFte: assigned,
      state: positionState(position.fte, assigned, position.in_recruitment),
      holders: running.map(staffNameOf),
      version: position.version,
    }
  })
}

/** The district's positions with their state today and who holds them; names of staff: audited. */
export async function listPositions(
  db: Kysely<DB>,
  actor: Actor,
  request: RequestContext,
): Promise<{ items: Position[] }> {
  authorize(actor, 'staffing.read', ownDistrict(actor))
  const { today } = await districtTime(db, actor.districtId, request.now)
  const entries = await positionsWithContracts(db, actor.districtId)
  const items = await present(db, actor.districtId, entries, today)
  await recordAuditAlone(db, {
    ...request,
    action: 'staff-position.list',
    subjectType: 'staff_position',
    purpose: `rows:${items.length}`,
  })
  return { items }
}

async function readPosition(db: Kysely<DB>, districtId: string, positionId: string, today: string) {
  const [[position], contracts] = await Promise.all([
    selectPositions(db, districtId, positionId),
    selectContracts(db, districtId, { positionId }),
  ])
  if (!position) throw new NotFound()
  const [presented] = await present(db, districtId, [{ position, contracts }], today)
  return { ...(presented as Position), contracts: contracts.map(presentContract) }
}

export async function getPosition(
  db: Kysely<DB>,
  actor: Actor,
  positionId: string,
  request: RequestContext,
): Promise<PositionDetail> {
  await authorizeOnPosition(db, actor, 'staffing.read', positionId)
  const { today } = await districtTime(db, actor.districtId, request.now)
  const detail = await readPosition(db, actor.districtId, positionId, today)
  await recordAuditAlone(db, {
    ...request,
    action: 'staff-position.read',
    subjectType: 'staff_position',
    subjectId: positionId,
  })
  return detail
}

/** The employer and the municipality must be the district's own. */
async function assertReferences(
  db: Kysely<DB>,
  districtId: string,
  input: Pick<z.output<typeof positionInputSchema>, 'employerOrganisationId' | 'municipalityId'>,
) {
  if (input.employerOrganisationId) {
    const names = await organisationNames(db, districtId, [input.employerOrganisationId])
    if (!names.has(input.employerOrganisationId))
      throw ruleViolation('unknown-reference', 'employerOrganisationId')
  }
  if (input.municipalityId) {
    const names = await municipalityNames(db, districtId, [input.municipalityId])
    if (!names.has(input.municipalityId)) throw ruleViolation('unknown-reference', 'municipalityId')
  }
}

const valuesOf = (input: z.output<typeof positionInputSchema>) => ({
  baustein: input.baustein,
  title: input.title,
  fte: input.fte,
  employer_kind: input.employerKind,
  employer_organisation_id: input.employerOrganisationId,
  municipality_id: input.municipalityId,
  area: input.area,
  pay_grade: input.payGrade,
  funding_programme: input.fundingProgramme,
  funded_from: input.fundedFrom,
  funded_until: input.fundedUntil,
  workplace_set_up_on: input.workplaceSetUpOn,
  in_recruitment: input.inRecruitment,
})

export async function createPosition(
  db: Kysely<DB>,
  actor: Actor,
  input: z.output<typeof positionInputSchema>,
  request: RequestContext,
): Promise<PositionDetail> {
  authorize(actor, 'staffing.manage', ownDistrict(actor))
  await assertReferences(db, actor.districtId, input)
  const id = await db.transaction().execute(async (trx) => {
    const positionId = await insertPosition(trx, {
      district_id: actor.districtId,
      ...valuesOf(input),
      created_by: actor.userId,
    })
    await recordAudit(trx, {
      ...request,
      action: 'staff-position.create',
      subjectType: 'staff_position',
      subjectId: positionId,
    })
    await refreshWarningTasksNow(trx, actor.districtId, request.now)
    return positionId
  })
  const { today } = await districtTime(db, actor.districtId, request.now)
  return readPosition(db, actor.districtId, id, today)
}

/**
 * Changes a position (Baustein, FTE, employer, area, funding programme and period); If-Match with
 * its version. A lower FTE is refused while the contracts would exceed it on some day.
 */
export async function updatePosition(
  db: Kysely<DB>,
  actor: Actor,
  positionId: string,
  expectedVersion: number | undefined,
  input: z.output<typeof positionInputSchema>,
  request: RequestContext,
): Promise<PositionDetail> {
  await authorizeOnPosition(db, actor, 'staffing.manage', positionId)
  if (expectedVersion === undefined) throw new PreconditionRequired()
  await assertReferences(db, actor.districtId, input)
  await db.transaction().execute(async (trx) => {
    const position = await lockPosition(trx, positionId)
    if (!position) throw new NotFound()
    const spans = (await selectContracts(trx, actor.districtId, { positionId })).map(spanOf)
    // The largest sum of overlapping periods lies at the start of one of them.
    if (spans.some((span) => assignedOn(spans, span.startsOn) > input.fte + fteEpsilon))
      throw ruleViolation('position-fte-below-contracts', 'fte', 'conflict')
    const changed = await updatePositionIfVersion(
      trx,
      actor.districtId,
      positionId,
      expectedVersion,
      valuesOf(input),
    )
    if (!changed) throw new Conflict()
    await recordAudit(trx, {
      ...request,
      action: 'staff-position.update',
      subjectType: 'staff_position',
      subjectId: positionId,
    })
    await refreshWarningTasksNow(trx, actor.districtId, request.now)
  })
  const { today } = await districtTime(db, actor.districtId, request.now)
  return readPosition(db, actor.districtId, positionId, today)
}
