import type { Kysely, Transaction } from 'kysely'
import {
  type RetentionPreview,
  type RetentionRule,
  type RetentionRules,
  type RetentionRulesInput,
  retentionKindOptions,
  retentionRecordKinds,
} from '../../../../common/privacy-retention.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { addDays, districtTime } from '../../../platform/district-time.ts'
import { Conflict, DomainError, PreconditionRequired } from '../../../platform/errors.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit } from '../../audit/index.ts'
import { casesOfPersons, closedCasesDue, personsOfCases, unattachedPersonsDue } from '../../casework/index.ts'
import { applyErasure, type ErasureCounts, type ErasurePlan } from '../erasure/erase.ts'
import { defaultRetentionRules, monthsBefore } from './defaults.ts'
import {
  lockRuleSetVersion,
  selectHeldCaseIds,
  selectLastRun,
  selectRetentionRules,
  upsertRetentionRule,
} from './retention.queries.ts'

/** How many records of one kind a run takes at most; the next day's run takes the rest. */
const runLimit = 2000
/** How many references the preview lists per kind. */
const previewListed = 50

/** The district's rules: its own where saved, the defaults for the rest. */
export async function effectiveRules(db: Kysely<DB>, districtId: string) {
  const rows = await selectRetentionRules(db, districtId)
  const version = rows.reduce((max, row) => Math.max(max, row.version), 0)
  const rules = retentionRecordKinds.map((kind) => {
    const row = rows.find((each) => each.record_kind === kind)
    return row
      ? {
          recordKind: kind,
          startEvent: row.start_event as RetentionRule['startEvent'],
          periodMonths: row.period_months,
          action: row.action as RetentionRule['action'],
          isDefault: false,
        }
      : { ...defaultRetentionRules[kind], isDefault: true }
  })
  return { version, rules }
}

export async function getRetentionRules(db: Kysely<DB>, actor: Actor): Promise<RetentionRules> {
  authorize(actor, 'retention.manage', ownDistrict(actor))
  const [{ version, rules }, lastRun] = await Promise.all([
    effectiveRules(db, actor.districtId),
    selectLastRun(db, actor.districtId),
  ])
  return {
    version,
    isDefault: rules.every((rule) => rule.isDefault),
    rules,
    lastRun:
      lastRun?.last_run_on && lastRun.last_run_at
        ? {
            on: lastRun.last_run_on,
            at: new Date(lastRun.last_run_at).toISOString(),
            counts: lastRun.last_counts,
          }
        : null,
  }
}

function checkRules(input: RetentionRulesInput): void {
  const kinds = input.rules.map((rule) => rule.recordKind)
  if (new Set(kinds).size !== kinds.length || kinds.length !== retentionRecordKinds.length)
    throw new DomainError('retention-rules-incomplete', 'invalid', undefined, [
      { field: 'rules', message: 'retention-rules-incomplete' },
    ])
  input.rules.forEach((rule, index) => {
    const options = retentionKindOptions[rule.recordKind]
    if (!options.startEvents.includes(rule.startEvent) || !options.actions.includes(rule.action))
      throw new DomainError('retention-rule-not-allowed', 'invalid', undefined, [
        { field: `rules.${index}`, message: 'retention-rule-not-allowed' },
      ])
  })
}

/** Saves the whole rule set; If-Match carries the version the editor saw (0 for the defaults). */
export async function putRetentionRules(
  db: Kysely<DB>,
  actor: Actor,
  input: RetentionRulesInput,
  expectedVersion: number | undefined,
  request: RequestContext,
): Promise<RetentionRules> {
  authorize(actor, 'retention.manage', ownDistrict(actor))
  if (expectedVersion === undefined) throw new PreconditionRequired()
  checkRules(input)
  await db.transaction().execute(async (trx) => {
    const current = await lockRuleSetVersion(trx, actor.districtId)
    if (current !== expectedVersion) throw new Conflict()
    for (const rule of input.rules)
      await upsertRetentionRule(
        trx,
        actor.districtId,
        {
          record_kind: rule.recordKind,
          start_event: rule.startEvent,
          period_months: rule.periodMonths,
          action: rule.action,
        },
        current + 1,
        actor.userId,
      )
    await recordAudit(trx, {
      ...request,
      action: 'retention-rules.update',
      subjectType: 'district',
      subjectId: actor.districtId,
    })
  })
  return getRetentionRules(db, actor)
}

type Due = {
  rule: RetentionRule & { isDefault: boolean }
  dueBefore: string
  plan: ErasurePlan
  heldBack: number
  references: Map<string, string>
}

/**
 * What a run on `today` would do: for closed cases, those closed before the cut-off and not held,
 * with the persons whose every case is then anonymised; for persons without a case, those not
 * changed (or registered) since the cut-off.
 */
export async function dueRecords(db: Kysely<DB>, districtId: string, today: string): Promise<Due[]> {
  const { rules } = await effectiveRules(db, districtId)
  const due: Due[] = []
  for (const rule of rules) {
    const dueBefore = addDays(monthsBefore(today, rule.periodMonths), 1)
    if (rule.recordKind === 'closed-case') {
      const cases = await closedCasesDue(db, districtId, dueBefore, runLimit)
      const held = await selectHeldCaseIds(
        db,
        districtId,
        cases.map((each) => each.id),
      )
      const caseIds = cases.map((each) => each.id).filter((id) => !held.has(id))
      const personIds = await personsFullyDue(db, districtId, caseIds)
      due.push({
        rule,
        dueBefore,
        plan: { anonymiseCaseIds: caseIds, anonymisePersonIds: personIds, deletePersonIds: [] },
        heldBack: held.size,
        references: new Map(cases.map((each) => [each.id, each.reference])),
      })
    } else {
      const basis = rule.startEvent === 'registered' ? 'created_at' : 'updated_at'
      const persons = await unattachedPersonsDue(db, districtId, dueBefore, basis, runLimit)
      const ids = persons.map((person) => person.id)
      due.push({
        rule,
        dueBefore,
        plan:
          rule.action === 'delete'
            ? { anonymiseCaseIds: [], anonymisePersonIds: [], deletePersonIds: ids }
            : { anonymiseCaseIds: [], anonymisePersonIds: ids, deletePersonIds: [] },
        heldBack: 0,
        references: new Map(),
      })
    }
  }
  return due
}

/** Persons of the cases whose every case is closed, unheld and anonymised already or now. */
async function personsFullyDue(db: Kysely<DB>, districtId: string, caseIds: readonly string[]) {
  const now = new Set(caseIds)
  const persons = [...new Set((await personsOfCases(db, districtId, caseIds)).map((row) => row.person_id))]
  const theirCases = await casesOfPersons(db, districtId, persons)
  const held = await selectHeldCaseIds(
    db,
    districtId,
    theirCases.map((row) => row.case_id),
  )
  return persons.filter((personId) =>
    theirCases
      .filter((row) => row.person_id === personId)
      .every((row) => !held.has(row.case_id) && (row.anonymised_at !== null || now.has(row.case_id))),
  )
}

export async function getRetentionPreview(
  db: Kysely<DB>,
  actor: Actor,
  now: Date,
): Promise<RetentionPreview> {
  authorize(actor, 'retention.manage', ownDistrict(actor))
  const { today } = await districtTime(db, actor.districtId, now)
  const due = await dueRecords(db, actor.districtId, today)
  return {
    asOf: today,
    kinds: due.map(({ rule, dueBefore, plan, heldBack, references }) => {
      const records =
        rule.recordKind === 'closed-case'
          ? plan.anonymiseCaseIds.map((id) => ({
              type: 'case' as const,
              id,
              reference: references.get(id) ?? null,
            }))
          : [...plan.deletePersonIds, ...plan.anonymisePersonIds].map((id) => ({
              type: 'person' as const,
              id,
              reference: null,
            }))
      return {
        recordKind: rule.recordKind,
        action: rule.action,
        dueBefore,
        count: records.length,
        heldBack,
        records: records.slice(0, previewListed),
      }
    }),
  }
}

/** One district's run, in the caller's transaction (which holds the district's lease). */
export async function runRetention(
  trx: Transaction<DB>,
  districtId: string,
  today: string,
  at: string,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const { rule, plan } of await dueRecords(trx, districtId, today)) {
    const done: ErasureCounts = await applyErasure(trx, districtId, plan, {
      rule: rule.recordKind,
      today,
      at,
      ledger: true,
    })
    if (rule.recordKind === 'closed-case') {
      counts['cases-anonymised'] = done.casesAnonymised
      counts['persons-anonymised'] = (counts['persons-anonymised'] ?? 0) + done.personsAnonymised
    } else {
      counts['persons-anonymised'] = (counts['persons-anonymised'] ?? 0) + done.personsAnonymised
      counts['persons-deleted'] = done.personsDeleted
    }
  }
  await recordAudit(trx, {
    districtId,
    actorId: null,
    action: 'retention.run',
    subjectType: 'district',
    subjectId: districtId,
    purpose: Object.entries(counts)
      .map(([key, value]) => `${key}=${value}`)
      .join(' '),
  })
  return counts
}
