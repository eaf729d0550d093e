import type { Kysely } from 'kysely'
import { consentTextVersion } from '../../../../common/consent.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTime } from '../../../platform/district-time.ts'
import type { Actor } from '../../../platform/policy.ts'
import { recordAudit } from '../../audit/index.ts'
import { caseSummaryFacts, createTasksFor, demoCasesForNetwork, markTaskDone } from '../../casework/index.ts'
import { districtOrganisations } from '../../identity/index.ts'
import { insertConsent } from '../consents/consent.queries.ts'
import { insertConference, selectDistrictConferences } from './conference.queries.ts'
import { draftSummary } from './conference.summary.ts'

/** The legal-sphere changes take the first six demo cases (transition.seed.ts); the conference one after. */
const firstFreeCase = 6

/**
 * One case conference for the demo: the person consented to conferences with the Jobcenter and
 * Caritas; both took part 20 days ago, the summary is the app's draft, two agreed actions became
 * tasks of the case manager, one of them done. Skipped when the district has a conference.
 */
export async function seedDemoConference(
  db: Kysely<DB>,
  districtId: string,
  now = new Date(),
): Promise<number> {
  if ((await selectDistrictConferences(db, districtId, '1900-01-01')).length > 0) return 0
  // A case of the case manager who holds most of them, so that the demo's main user meets it.
  const candidates = (await demoCasesForNetwork(db, districtId, firstFreeCase + 20)).slice(firstFreeCase)
  const held = (managerId: string) => candidates.filter((each) => each.managerId === managerId).length
  const kase = [...candidates].sort((a, b) => held(b.managerId) - held(a.managerId))[0]
  const organisations = await districtOrganisations(db, districtId)
  const jobcenter = organisations.find((each) => each.name === 'Jobcenter Rhein-Sieg')
  const caritas = organisations.find((each) => each.name === 'Caritasverband Rhein-Sieg')
  if (!kase || !jobcenter || !caritas) return 0
  const time = await districtTime(db, districtId, now)
  const heldOn = time.daysFromToday(-20)
  const facts = await caseSummaryFacts(db, kase.caseId)
  const actor: Actor = {
    userId: kase.managerId,
    districtId,
    organisationId: null,
    roles: ['case_manager'],
    teamIds: [],
  }
  const request: RequestContext = {
    actorId: kase.managerId,
    actorRoles: ['case_manager'],
    districtId,
    requestId: 'seed:case-conference',
    clientPseudonym: '',
    now,
  }
  await db.transaction().execute(async (trx) => {
    const consentId = await insertConsent(trx, {
      district_id: districtId,
      person_id: kase.personId,
      recipient_organisation_ids: [jobcenter.id, caritas.id],
      purposes: ['case-conference', 'information-exchange'],
      data_categories: ['identity', 'education-work', 'case-plan'],
      legal_basis: 'gdpr-6-1-a',
      form: 'written',
      text_version: consentTextVersion,
      form_language: null,
      valid_from: time.daysFromToday(-40),
      valid_until: time.daysFromToday(325),
      note: 'Für die gemeinsame Fallkonferenz mit Jobcenter und Migrationsdienst.',
      recorded_by: kase.managerId,
    })
    await recordAudit(trx, {
      ...request,
      action: 'consent.create',
      subjectType: 'consent',
      subjectId: consentId,
    })
    const actions = [
      { description: 'Anmeldung zum Integrationskurs mit Kinderbetreuung', dueOn: time.daysFromToday(-6) },
      {
        description: 'Bewerbungsunterlagen mit dem Migrationsdienst erstellen',
        dueOn: time.daysFromToday(10),
      },
    ]
    const taskIds = await createTasksFor(
      trx,
      actor,
      'case-conference',
      actions.map((action) => ({
        title: action.description,
        dueOn: action.dueOn,
        assigneeId: kase.managerId,
        caseId: kase.caseId,
        personId: null,
      })),
      request,
    )
    await markTaskDone(trx, taskIds[0] as string, true, request)
    const id = await insertConference(
      trx,
      {
        district_id: districtId,
        case_id: kase.caseId,
        kind: 'case-conference',
        held_on: heldOn,
        staff: 'Fallmanagement KIM',
        summary: draftSummary(facts, heldOn, 'de'),
        outcomes:
          'Sprachkurs hat Vorrang vor der Vermittlung in Arbeit. Das Jobcenter prüft die Übernahme der Fahrtkosten; der Migrationsdienst begleitet die Bewerbungen.',
        recorded_by: kase.managerId,
      },
      [
        {
          organisation_id: jobcenter.id,
          consent_ids: [consentId],
          people: 'Frau Krämer (Arbeitsvermittlung)',
        },
        { organisation_id: caritas.id, consent_ids: [consentId], people: 'Herr Yilmaz (Migrationsdienst)' },
      ],
      actions.map((action, index) => ({
        description: action.description,
        assignee_id: kase.managerId,
        due_on: action.dueOn,
        task_id: taskIds[index] as string,
      })),
    )
    await recordAudit(trx, {
      ...request,
      action: 'case-conference.create',
      subjectType: 'case-conference',
      subjectId: id,
    })
  })
  return 1
}
