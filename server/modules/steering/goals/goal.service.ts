import type { Kysely, Transaction } from 'kysely'
import type { z } from 'zod'
import {
  type GoalAgreement,
  type GoalAgreementCounts,
  type GoalAgreementDetail,
  type goalAgreementInputSchema,
  type Indicator,
  type IndicatorDirection,
  type IndicatorList,
  type IndicatorSource,
  type IndicatorStatus,
  type IndicatorUnit,
  type indicatorInputSchema,
  indicatorStatuses,
  type indicatorValueInputSchema,
  type MetricKey,
  unitIssue,
} from '../../../../common/goals.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { addDays, type DistrictTime, districtTime } from '../../../platform/district-time.ts'
import { Conflict, fieldError, NotFound, PreconditionRequired } from '../../../platform/errors.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit } from '../../audit/index.ts'
import { municipalityNames } from '../../districts/index.ts'
import { organisationNames } from '../../identity/index.ts'
import { authorizeOnAgreement, ruleViolation } from '../steering.access.ts'
import {
  type AgreementRow,
  bumpAgreementIfVersion,
  countIndicatorValues,
  deleteIndicator,
  type IndicatorRow,
  insertAgreement,
  insertIndicator,
  insertIndicatorValue,
  selectAgreements,
  selectDecisionOfDistrict,
  selectIndicator,
  selectIndicators,
  selectIndicatorValues,
  selectParties,
  updateAgreementIfVersion,
  updateIndicator as writeIndicator,
} from './goal.queries.ts'
import { computedSeries, enteredSeries, evaluateIndicator, type Period } from './indicator-series.ts'
import { overallStatus } from './indicator-status.ts'
import { type MetricComputer, metricComputer } from './metric-catalogue.ts'

type AgreementInput = z.output<typeof goalAgreementInputSchema>

/**
 * Goal agreements (Zielvereinbarungen) and their indicators. They hold no personal data: the
 * parties are organisations, computed indicators are aggregates from case work and the network
 * (decision 0012), so reads are not audited; every change is.
 */

/** Indicators of some agreements, computed for today, by agreement. */
async function evaluateIndicators(
  db: Kysely<DB>,
  districtId: string,
  agreements: readonly AgreementRow[],
  time: DistrictTime,
  compute: MetricComputer,
): Promise<Map<string, Indicator[]>> {
  const rows = await selectIndicators(
    db,
    agreements.map((agreement) => agreement.id),
  )
  const [values, municipalities] = await Promise.all([
    // Values measured after the day evaluated (an evaluation of a past period) do not count yet.
    selectIndicatorValues(
      db,
      rows.filter((row) => row.source === 'manual').map((row) => row.id),
    ).then((all) => all.filter((value) => value.measured_on <= time.today)),
    municipalityNames(
      db,
      districtId,
      rows.flatMap((row) => municipalityOf(row) ?? []),
    ),
  ])
  const periods = new Map(
    agreements.map((agreement) => [
      agreement.id,
      { startsOn: agreement.starts_on, endsOn: agreement.ends_on },
    ]),
  )
  const indicators = await Promise.all(
    rows.map(async (row) => {
      const period = periods.get(row.agreement_id) as Period
      const series =
        row.metric === null
          ? enteredSeries(
              values
                .filter((value) => value.indicator_id === row.id)
                .map((value) => ({ measuredOn: value.measured_on, value: value.value, note: value.note })),
            )
          : computedSeries(
              await compute(
                row.metric as MetricKey,
                { districtId, from: period.startsOn, to: period.endsOn, time },
                { municipalityId: municipalityOf(row) },
              ),
              row.unit as IndicatorUnit,
              period,
              time.today,
            )
      const municipalityId = municipalityOf(row)
      return {
        agreementId: row.agreement_id,
        indicator: evaluateIndicator(
          {
            id: row.id,
            position: row.position,
            name: row.name,
            unit: row.unit as IndicatorUnit,
            baseline: row.baseline,
            target: row.target,
            direction: row.direction as IndicatorDirection,
            source: row.source as IndicatorSource,
            metric: row.metric as MetricKey | null,
            municipalityId,
            municipalityName: municipalityId ? (municipalities.get(municipalityId) ?? null) : null,
          },
          period,
          series,
          time.today,
        ),
      }
    }),
  )
  const byAgreement = new Map<string, Indicator[]>()
  for (const { agreementId, indicator } of indicators) {
    byAgreement.set(agreementId, [...(byAgreement.get(agreementId) ?? []), indicator])
  }
  return byAgreement
}

const municipalityOf = (row: IndicatorRow) => {
  const id = (row.parameters as { municipalityId?: unknown }).municipalityId
  return typeof id === 'string' ? id : null
}

async function presentAgreements(
  db: Kysely<DB>,
  districtId: string,
  rows: readonly AgreementRow[],
  indicators: Map<string, Indicator[]>,
): Promise<GoalAgreement[]> {
  const parties = await selectParties(
    db,
    rows.map((row) => row.id),
  )
  const names = await organisationNames(db, districtId, [
    ...parties.map((party) => party.organisation_id),
    ...rows.flatMap((row) => (row.responsible_organisation_id ? [row.responsible_organisation_id] : [])),
  ])
  return rows.map((row) => {
    const statuses = (indicators.get(row.id) ?? []).map((indicator) => indicator.status)
    const statusCounts = Object.fromEntries(
      indicatorStatuses.map((status) => [status, statuses.filter((each) => each === status).length]),
    ) as Record<IndicatorStatus, number>
    const responsible = row.responsible_organisation_id
    return {
      id: row.id,
      title: row.title,
      goalStatement: row.goal_statement,
      parties: parties
        .filter((party) => party.agreement_id === row.id)
        .map((party) => ({ id: party.organisation_id, name: names.get(party.organisation_id) ?? '' }))
        .sort((a, b) => a.name.localeCompare(b.name, 'de')),
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      decision:
        row.decision_id && row.decision_number && row.decision_meeting_id
          ? {
              id: row.decision_id,
              number: row.decision_number,
              bodyName: row.decision_body_name ?? '',
              meetingId: row.decision_meeting_id,
            }
          : null,
      responsibleOrganisation: responsible ? { id: responsible, name: names.get(responsible) ?? '' } : null,
      indicatorCount: statuses.length,
      status: overallStatus(statuses),
      statusCounts,
      version: row.version,
    }
  })
}

async function agreementsWithStatus(db: Kysely<DB>, districtId: string, now: Date, agreementId?: string) {
  return agreementsAt(db, districtId, await districtTime(db, districtId, now), agreementId)
}

async function agreementsAt(db: Kysely<DB>, districtId: string, time: DistrictTime, agreementId?: string) {
  const rows = await selectAgreements(db, districtId, agreementId)
  const indicators = await evaluateIndicators(db, districtId, rows, time, metricComputer(db))
  return { time, rows, indicators, agreements: await presentAgreements(db, districtId, rows, indicators) }
}

/** The district's goal agreements, each with its overall status. */
export async function listAgreements(
  db: Kysely<DB>,
  actor: Actor,
  now: Date,
): Promise<{ today: string; items: GoalAgreement[] }> {
  authorize(actor, 'goal-agreement.read', ownDistrict(actor))
  const { time, agreements } = await agreementsWithStatus(db, actor.districtId, now)
  return { today: time.today, items: agreements }
}

async function readAgreement(
  db: Kysely<DB>,
  districtId: string,
  agreementId: string,
  now: Date,
): Promise<GoalAgreementDetail> {
  const { time, agreements, indicators } = await agreementsWithStatus(db, districtId, now, agreementId)
  const [agreement] = agreements
  if (!agreement) throw new NotFound()
  return { ...agreement, indicators: indicators.get(agreementId) ?? [], today: time.today }
}

export async function getAgreement(
  db: Kysely<DB>,
  actor: Actor,
  agreementId: string,
  now: Date,
): Promise<GoalAgreementDetail> {
  await authorizeOnAgreement(db, actor, 'goal-agreement.read', agreementId)
  return readAgreement(db, actor.districtId, agreementId, now)
}

/** Each indicator of an agreement with `current`, `target`, `status` and its monthly or entered series. */
export async function listIndicators(
  db: Kysely<DB>,
  actor: Actor,
  agreementId: string,
  now: Date,
): Promise<IndicatorList> {
  await authorizeOnAgreement(db, actor, 'goal-agreement.read', agreementId)
  const { indicators, today } = await readAgreement(db, actor.districtId, agreementId, now)
  return { today, items: indicators }
}

/** The references of an agreement must lie in the actor's district. */
async function assertReferences(db: Kysely<DB>, districtId: string, input: AgreementInput) {
  const organisationIds = [
    ...input.partyIds,
    ...(input.responsibleOrganisationId ? [input.responsibleOrganisationId] : []),
  ]
  const known = await organisationNames(db, districtId, organisationIds)
  if (input.partyIds.some((id) => !known.has(id))) throw ruleViolation('unknown-reference', 'partyIds')
  if (input.responsibleOrganisationId && !known.has(input.responsibleOrganisationId))
    throw ruleViolation('unknown-reference', 'responsibleOrganisationId')
  if (input.decisionId && !(await selectDecisionOfDistrict(db, districtId, input.decisionId)))
    throw ruleViolation('unknown-reference', 'decisionId')
}

const agreementValues = (input: AgreementInput) => ({
  title: input.title,
  goal_statement: input.goalStatement,
  starts_on: input.startsOn,
  ends_on: input.endsOn,
  decision_id: input.decisionId,
  responsible_organisation_id: input.responsibleOrganisationId,
})

export async function createAgreement(
  db: Kysely<DB>,
  actor: Actor,
  input: AgreementInput,
  request: RequestContext,
): Promise<GoalAgreementDetail> {
  authorize(actor, 'steering.manage', ownDistrict(actor))
  await assertReferences(db, actor.districtId, input)
  const id = await db.transaction().execute(async (trx) => {
    const agreementId = await insertAgreement(
      trx,
      { ...agreementValues(input), district_id: actor.districtId, created_by: actor.userId },
      input.partyIds,
    )
    await recordAudit(trx, {
      ...request,
      action: 'goal-agreement.create',
      subjectType: 'goal_agreement',
      subjectId: agreementId,
    })
    return agreementId
  })
  return readAgreement(db, actor.districtId, id, request.now)
}

export async function updateAgreement(
  db: Kysely<DB>,
  actor: Actor,
  agreementId: string,
  expectedVersion: number | undefined,
  input: AgreementInput,
  request: RequestContext,
): Promise<GoalAgreementDetail> {
  await authorizeOnAgreement(db, actor, 'steering.manage', agreementId)
  if (expectedVersion === undefined) throw new PreconditionRequired()
  await assertReferences(db, actor.districtId, input)
  await db.transaction().execute(async (trx) => {
    const changed = await updateAgreementIfVersion(
      trx,
      { districtId: actor.districtId, agreementId, expectedVersion },
      agreementValues(input),
      input.partyIds,
    )
    if (!changed) throw new Conflict()
    await recordAudit(trx, {
      ...request,
      action: 'goal-agreement.update',
      subjectType: 'goal_agreement',
      subjectId: agreementId,
    })
  })
  return readAgreement(db, actor.districtId, agreementId, request.now)
}

export async function addIndicator(
  db: Kysely<DB>,
  actor: Actor,
  agreementId: string,
  input: z.output<typeof indicatorInputSchema>,
  request: RequestContext,
): Promise<GoalAgreementDetail> {
  await authorizeOnAgreement(db, actor, 'steering.manage', agreementId)
  const municipalityId = await assertIndicatorMunicipality(db, actor.districtId, input)
  await db.transaction().execute(async (trx) => {
    const indicatorId = await insertIndicator(trx, {
      district_id: actor.districtId,
      agreement_id: agreementId,
      name: input.name,
      unit: input.unit,
      baseline: input.baseline,
      target: input.target,
      direction: input.direction,
      source: input.source,
      metric: input.source === 'computed' ? input.metric : null,
      parameters: input.source === 'computed' ? { municipalityId } : {},
      created_by: actor.userId,
    })
    await recordAudit(trx, {
      ...request,
      action: 'goal-indicator.create',
      subjectType: 'goal_indicator',
      subjectId: indicatorId,
    })
  })
  return readAgreement(db, actor.districtId, agreementId, request.now)
}

type IndicatorTarget = { agreementId: string; indicatorId: string; expectedVersion: number | undefined }

/** The municipality of a computed indicator must be the district's own. */
async function assertIndicatorMunicipality(
  db: Kysely<DB>,
  districtId: string,
  input: z.output<typeof indicatorInputSchema>,
): Promise<string | null> {
  const municipalityId = input.source === 'computed' ? input.parameters.municipalityId : null
  if (municipalityId && !(await municipalityNames(db, districtId, [municipalityId])).has(municipalityId))
    throw ruleViolation('unknown-reference', 'parameters.municipalityId')
  return municipalityId
}

/**
 * Runs a change of one of an agreement's indicators: the indicator is part of the agreement, so
 * the change takes If-Match with the agreement's version and counts as a new version of it.
 */
async function changeIndicator(
  db: Kysely<DB>,
  actor: Actor,
  target: IndicatorTarget,
  change: (
    trx: Transaction<DB>,
    indicator: NonNullable<Awaited<ReturnType<typeof selectIndicator>>>,
  ) => Promise<void>,
): Promise<void> {
  await authorizeOnAgreement(db, actor, 'steering.manage', target.agreementId)
  const { expectedVersion } = target
  if (expectedVersion === undefined) throw new PreconditionRequired()
  const indicator = await selectIndicator(db, target.indicatorId)
  if (!indicator || indicator.agreement_id !== target.agreementId) throw new NotFound()
  await db.transaction().execute(async (trx) => {
    if (!(await bumpAgreementIfVersion(trx, target.agreementId, expectedVersion))) throw new Conflict()
    await change(trx, indicator)
  })
}

/**
 * Changes an indicator: name, baseline, target, direction, and for a computed one its metric and
 * municipality. Whether it is computed stays (409 `indicator-source-fixed`); the unit of one with
 * entered values stays too (409 `indicator-unit-has-values`), since those values were given in it.
 */
export async function updateIndicator(
  db: Kysely<DB>,
  actor: Actor,
  target: IndicatorTarget,
  input: z.output<typeof indicatorInputSchema>,
  request: RequestContext,
): Promise<GoalAgreementDetail> {
  await changeIndicator(db, actor, target, async (trx, indicator) => {
    const municipalityId = await assertIndicatorMunicipality(trx, actor.districtId, input)
    if (indicator.source !== input.source) throw ruleViolation('indicator-source-fixed', 'source', 'conflict')
    if (indicator.unit !== input.unit && (await countIndicatorValues(trx, target.indicatorId)) > 0)
      throw ruleViolation('indicator-unit-has-values', 'unit', 'conflict')
    await writeIndicator(trx, target.indicatorId, {
      name: input.name,
      unit: input.unit,
      baseline: input.baseline,
      target: input.target,
      direction: input.direction,
      metric: input.source === 'computed' ? input.metric : null,
      parameters: input.source === 'computed' ? { municipalityId } : {},
    })
    await recordAudit(trx, {
      ...request,
      action: 'goal-indicator.update',
      subjectType: 'goal_indicator',
      subjectId: target.indicatorId,
    })
  })
  return readAgreement(db, actor.districtId, target.agreementId, request.now)
}

/** Removes an indicator with its entered values; the agreement keeps its other indicators. */
export async function removeIndicator(
  db: Kysely<DB>,
  actor: Actor,
  target: IndicatorTarget,
  request: RequestContext,
): Promise<GoalAgreementDetail> {
  await changeIndicator(db, actor, target, async (trx) => {
    await deleteIndicator(trx, target.indicatorId)
    await recordAudit(trx, {
      ...request,
      action: 'goal-indicator.delete',
      subjectType: 'goal_indicator',
      subjectId: target.indicatorId,
    })
  })
  return readAgreement(db, actor.districtId, target.agreementId, request.now)
}

/** Enters a value of an indicator kept by hand: in its unit, measured on a day not after today. */
export async function addIndicatorValue(
  db: Kysely<DB>,
  actor: Actor,
  target: { agreementId: string; indicatorId: string },
  input: z.output<typeof indicatorValueInputSchema>,
  request: RequestContext,
): Promise<GoalAgreementDetail> {
  await authorizeOnAgreement(db, actor, 'steering.manage', target.agreementId)
  const indicator = await selectIndicator(db, target.indicatorId)
  if (!indicator || indicator.agreement_id !== target.agreementId) throw new NotFound()
  if (indicator.source !== 'manual') throw ruleViolation('indicator-computed', 'value')
  const issue = unitIssue(indicator.unit as IndicatorUnit, input.value)
  if (issue) throw fieldError('invalid-input', 'invalid', 'value', issue)
  const { today } = await districtTime(db, actor.districtId, request.now)
  if (input.measuredOn > today) throw fieldError('invalid-input', 'invalid', 'measuredOn', 'date-in-future')
  await db.transaction().execute(async (trx) => {
    const valueId = await insertIndicatorValue(trx, {
      district_id: actor.districtId,
      indicator_id: target.indicatorId,
      measured_on: input.measuredOn,
      value: input.value,
      note: input.note,
      recorded_by: actor.userId,
    })
    await recordAudit(trx, {
      ...request,
      action: 'goal-indicator.value-add',
      subjectType: 'goal_indicator_value',
      subjectId: valueId,
    })
  })
  return readAgreement(db, actor.districtId, target.agreementId, request.now)
}

/** For the coordinator's start page: how many of the district's agreements stand where. */
export async function goalAgreementCounts(
  db: Kysely<DB>,
  districtId: string,
  now: Date,
): Promise<GoalAgreementCounts> {
  const { agreements } = await agreementsWithStatus(db, districtId, now)
  const count = (status: IndicatorStatus) => agreements.filter((each) => each.status === status).length
  return {
    total: agreements.length,
    onTrack: count('on_track'),
    atRisk: count('at_risk'),
    offTrack: count('off_track'),
    noData: count('no_data'),
  }
}

/**
 * The agreements whose period touches [from, to], with their indicators' status as it stood on the
 * period's last day (or today, if that is later): computed indicators from the months up to that
 * day, entered ones from the values measured by then. For the catalogue's goal figures and the
 * evaluation's frozen context; the caller has authorised the reader.
 */
export async function agreementsInPeriod(
  db: Kysely<DB>,
  districtId: string,
  range: { from: string; to: string },
  now: Date,
): Promise<{ asOf: string; agreements: GoalAgreement[]; indicators: Map<string, Indicator[]> }> {
  const time = await districtTime(db, districtId, now)
  const asOf = [range.to, time.today].sort()[0] as string
  const at: DistrictTime = { ...time, today: asOf, daysFromToday: (days) => addDays(asOf, days) }
  const { agreements, indicators } = await agreementsAt(db, districtId, at)
  return {
    asOf,
    agreements: agreements.filter(
      (agreement) => agreement.startsOn <= range.to && agreement.endsOn >= range.from,
    ),
    indicators,
  }
}
