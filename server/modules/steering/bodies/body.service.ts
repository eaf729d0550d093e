import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type {
  Body,
  BodyDetail,
  BodyKind,
  bodyInputSchema,
  bodyUpdateSchema,
  Membership,
  MembershipRole,
  membershipInputSchema,
  Seat,
} from '../../../../common/steering.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTime } from '../../../platform/district-time.ts'
import { Conflict, NotFound, PreconditionRequired } from '../../../platform/errors.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit } from '../../audit/index.ts'
import { organisationNames } from '../../identity/index.ts'
import { authorizeOnBody, ruleViolation } from '../steering.access.ts'
import {
  type BodyRow,
  insertBody,
  insertMembership,
  type MembershipRow,
  selectAncestorIds,
  selectBodies,
  selectBodyName,
  selectMemberships,
  selectSeat,
  selectSeats,
  selectUnfilledSeats,
  updateBodyIfVersion,
  updateMembershipUntil,
} from './body.queries.ts'

const isActive = (row: { from_on: string; until_on: string | null }, day: string) =>
  row.from_on <= day && (row.until_on === null || row.until_on >= day)

function presentBody(row: BodyRow): Body {
  return {
    id: row.id,
    kind: row.kind as BodyKind,
    name: row.name,
    topic: row.topic,
    mandate: row.mandate,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    parentBodyId: row.parent_body_id,
    parentBodyName: row.parent_name,
    quorum: row.quorum,
    seatCount: row.seat_count,
    filledSeatCount: row.filled_seat_count,
    memberCount: row.member_count,
    nextMeetingAt: row.next_meeting_at === null ? null : new Date(row.next_meeting_at).toISOString(),
    version: row.version,
  }
}

/** The district's bodies: steering group first, then working groups, then the rest, by name. */
export async function listBodies(db: Kysely<DB>, actor: Actor, now: Date): Promise<{ items: Body[] }> {
  authorize(actor, 'steering.read', ownDistrict(actor))
  const { today } = await districtTime(db, actor.districtId, now)
  return { items: (await selectBodies(db, actor.districtId, today)).map(presentBody) }
}

async function presentMemberships(
  db: Kysely<DB>,
  districtId: string,
  rows: readonly MembershipRow[],
  today: string,
): Promise<Membership[]> {
  const names = await organisationNames(
    db,
    districtId,
    rows.flatMap((row) => (row.organisation_id ? [row.organisation_id] : [])),
  )
  return rows.map((row) => ({
    id: row.id,
    seatId: row.seat_id,
    seatLabel: row.seat_label,
    organisationId: row.organisation_id,
    organisationName: row.organisation_id ? (names.get(row.organisation_id) ?? null) : null,
    representative: row.representative,
    deputy: row.deputy,
    role: row.role as MembershipRole,
    fromOn: row.from_on,
    untilOn: row.until_on,
    active: isActive(row, today),
  }))
}

/** The seat plan on a day: each seat with whoever holds it then; a seat nobody holds is not filled. */
function seatPlan(seats: Awaited<ReturnType<typeof selectSeats>>, members: readonly Membership[]): Seat[] {
  return seats.map((seat) => {
    const holders = members.filter((member) => member.active && member.seatId === seat.id)
    return {
      id: seat.id,
      position: seat.position,
      label: seat.label,
      organisationKind: seat.organisation_kind as Seat['organisationKind'],
      filled: holders.length > 0,
      holders: holders.map((holder) => ({
        membershipId: holder.id,
        representative: holder.representative,
        organisationName: holder.organisationName,
      })),
    }
  })
}

async function readBody(db: Kysely<DB>, districtId: string, bodyId: string, now: Date): Promise<BodyDetail> {
  const { today } = await districtTime(db, districtId, now)
  const [[row], seats, membershipRows] = await Promise.all([
    selectBodies(db, districtId, today, bodyId),
    selectSeats(db, bodyId),
    selectMemberships(db, bodyId),
  ])
  if (!row) throw new NotFound()
  const members = await presentMemberships(db, districtId, membershipRows, today)
  return { ...presentBody(row), seats: seatPlan(seats, members), members }
}

export async function getBody(db: Kysely<DB>, actor: Actor, bodyId: string, now: Date): Promise<BodyDetail> {
  await authorizeOnBody(db, actor, 'steering.read', bodyId)
  return readBody(db, actor.districtId, bodyId, now)
}

/** The seat plan of a body today, with `filled` per seat. */
export async function listSeats(db: Kysely<DB>, actor: Actor, bodyId: string, now: Date) {
  await authorizeOnBody(db, actor, 'steering.read', bodyId)
  const { seats } = await readBody(db, actor.districtId, bodyId, now)
  return { items: seats }
}

async function assertParent(db: Kysely<DB>, actor: Actor, parentBodyId: string | null, bodyId?: string) {
  if (parentBodyId === null) return
  const [row] = await selectBodies(db, actor.districtId, '1990-01-01', parentBodyId)
  if (!row) throw ruleViolation('unknown-reference', 'parentBodyId')
  if (bodyId && (await selectAncestorIds(db, parentBodyId)).includes(bodyId))
    throw ruleViolation('parent-body-invalid', 'parentBodyId')
}

async function assertNameFree(db: Kysely<DB>, districtId: string, name: string, bodyId?: string) {
  const taken = await selectBodyName(db, districtId, name)
  if (taken && taken.id !== bodyId) throw ruleViolation('body-name-taken', 'name', 'conflict')
}

export async function createBody(
  db: Kysely<DB>,
  actor: Actor,
  input: z.output<typeof bodyInputSchema>,
  request: RequestContext,
): Promise<BodyDetail> {
  authorize(actor, 'steering.manage', ownDistrict(actor))
  await assertParent(db, actor, input.parentBodyId)
  await assertNameFree(db, actor.districtId, input.name)
  const id = await db.transaction().execute(async (trx) => {
    const bodyId = await insertBody(
      trx,
      {
        district_id: actor.districtId,
        kind: input.kind,
        name: input.name,
        topic: input.topic,
        mandate: input.mandate,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        parent_body_id: input.parentBodyId,
        quorum: input.quorum,
        created_by: actor.userId,
      },
      input.seats.map((seat) => ({ label: seat.label, organisation_kind: seat.organisationKind })),
    )
    await recordAudit(trx, { ...request, action: 'body.create', subjectType: 'body', subjectId: bodyId })
    return bodyId
  })
  return readBody(db, actor.districtId, id, request.now)
}

export async function updateBody(
  db: Kysely<DB>,
  actor: Actor,
  bodyId: string,
  expectedVersion: number | undefined,
  input: z.output<typeof bodyUpdateSchema>,
  request: RequestContext,
): Promise<BodyDetail> {
  await authorizeOnBody(db, actor, 'steering.manage', bodyId)
  if (expectedVersion === undefined) throw new PreconditionRequired()
  await assertParent(db, actor, input.parentBodyId, bodyId)
  await assertNameFree(db, actor.districtId, input.name, bodyId)
  await db.transaction().execute(async (trx) => {
    const changed = await updateBodyIfVersion(trx, bodyId, expectedVersion, {
      name: input.name,
      topic: input.topic,
      mandate: input.mandate,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      parent_body_id: input.parentBodyId,
      quorum: input.quorum,
    })
    if (!changed) throw new Conflict()
    await recordAudit(trx, { ...request, action: 'body.update', subjectType: 'body', subjectId: bodyId })
  })
  return readBody(db, actor.districtId, bodyId, request.now)
}

export async function addMember(
  db: Kysely<DB>,
  actor: Actor,
  bodyId: string,
  input: z.output<typeof membershipInputSchema>,
  request: RequestContext,
): Promise<BodyDetail> {
  await authorizeOnBody(db, actor, 'steering.manage', bodyId)
  if (input.seatId) {
    const seat = await selectSeat(db, input.seatId)
    if (!seat || seat.district_id !== actor.districtId) throw ruleViolation('unknown-reference', 'seatId')
    if (seat.body_id !== bodyId) throw ruleViolation('seat-of-other-body', 'seatId')
  }
  if (input.organisationId) {
    const names = await organisationNames(db, actor.districtId, [input.organisationId])
    if (!names.has(input.organisationId)) throw ruleViolation('unknown-reference', 'organisationId')
  }
  await db.transaction().execute(async (trx) => {
    const membershipId = await insertMembership(trx, {
      district_id: actor.districtId,
      body_id: bodyId,
      seat_id: input.seatId,
      organisation_id: input.organisationId,
      representative: input.representative,
      deputy: input.deputy,
      role: input.role,
      from_on: input.fromOn,
      until_on: input.untilOn,
    })
    await recordAudit(trx, {
      ...request,
      action: 'body.member-add',
      subjectType: 'body_membership',
      subjectId: membershipId,
    })
  })
  return readBody(db, actor.districtId, bodyId, request.now)
}

/** Ends a membership on a day (or opens it again with null); the history stays. */
export async function endMembership(
  db: Kysely<DB>,
  actor: Actor,
  bodyId: string,
  membershipId: string,
  untilOn: string | null,
  request: RequestContext,
): Promise<BodyDetail> {
  await authorizeOnBody(db, actor, 'steering.manage', bodyId)
  if (!(await selectMemberships(db, bodyId)).some((member) => member.id === membershipId))
    throw new NotFound()
  await db.transaction().execute(async (trx) => {
    if (!(await updateMembershipUntil(trx, bodyId, membershipId, untilOn))) {
      throw ruleViolation('date-order', 'untilOn')
    }
    await recordAudit(trx, {
      ...request,
      action: 'body.member-end',
      subjectType: 'body_membership',
      subjectId: membershipId,
    })
  })
  return readBody(db, actor.districtId, bodyId, request.now)
}

/** Memberships of a body (for attendance), with organisation names. */
export async function bodyMembers(db: Kysely<DB>, districtId: string, bodyId: string, day: string) {
  return presentMemberships(db, districtId, await selectMemberships(db, bodyId), day)
}

/** A body's facts for meetings: its name, kind and quorum rule. */
export async function bodyFacts(db: Kysely<DB>, districtId: string, bodyId: string) {
  const [row] = await selectBodies(db, districtId, '1990-01-01', bodyId)
  return row ? { id: row.id, name: row.name, kind: row.kind as BodyKind, quorum: row.quorum } : undefined
}

/** The district's bodies that have seats nobody holds today, each with those seats in seat order. */
export async function unfilledSeatsOf(db: Kysely<DB>, districtId: string, today: string) {
  const rows = await selectUnfilledSeats(db, districtId, today)
  const bodies = new Map<
    string,
    { bodyId: string; bodyName: string; seatCount: number; unfilled: { id: string; label: string }[] }
  >()
  for (const row of rows) {
    const body = bodies.get(row.body_id) ?? {
      bodyId: row.body_id,
      bodyName: row.body_name,
      seatCount: row.seat_count,
      unfilled: [],
    }
    body.unfilled.push({ id: row.id, label: row.label })
    bodies.set(row.body_id, body)
  }
  return { total: rows.length, bodies: [...bodies.values()] }
}
