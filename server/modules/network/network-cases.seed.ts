import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import { consentTextVersion } from '../../../common/consent.ts'
import type { ReferralStatus } from '../../../common/referral.ts'
import type { DB } from '../../db/schema.ts'
import { addDays, defaultTimeZone, localDay } from '../../platform/district-time.ts'
import { sealBytes } from '../../platform/encryption.ts'
import { recordAudit } from '../audit/index.ts'

/** A small but real PDF standing for a scanned, signed consent form. */
function signedFormPdf(): Buffer {
  const stream = 'BT /F1 12 Tf 72 720 Td (Einwilligungserklaerung - unterschrieben) Tj ET'
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, index) => {
    offsets.push(body.length)
    body += `${index + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}

type ConsentPlan = {
  recipients: string[]
  purposes?: string[]
  categories?: string[]
  from: number
  until: number
  revokedDaysAgo?: number
  language?: string
  signed?: boolean
}
type ReferralPlan = {
  organisation: string
  /** One of the organisation's demo services, by name (network.seed.ts). */
  service?: string
  status: ReferralStatus
  dueIn: number
  fields?: string[]
  message: string
  feedback?: string
  completeByIn?: number
  override?: { legalBasis: string; reason: string }
  /** Days ago it was made; steps follow a day apart. */
  madeDaysAgo: number
}

const jobcenter = 'Jobcenter Rhein-Sieg'
const caritas = 'Caritasverband Rhein-Sieg'
const sozialamt = 'Sozialamt Rhein-Sieg-Kreis'
const abh = 'Ausländerbehörde Rhein-Sieg-Kreis'

/** One entry per demo case: its consent (or none) and its referral (or none), so every status shows. */
const plans: { consent?: ConsentPlan; referral?: ReferralPlan }[] = [
  {
    consent: {
      recipients: [jobcenter, sozialamt],
      purposes: ['referral', 'case-conference'],
      categories: ['identity', 'contact', 'benefits'],
      from: -20,
      until: 345,
      language: 'ar',
      signed: true,
    },
    referral: {
      organisation: jobcenter,
      service: 'Beratung und Vermittlung für Geflüchtete (SGB II)',
      status: 'sent',
      dueIn: 10,
      fields: ['familyName', 'givenNames', 'birthDate', 'phone', 'legalSphere'],
      message: 'Bitte um einen Termin zur Beratung über Arbeitsaufnahme und Leistungen nach dem SGB II.',
      madeDaysAgo: 2,
    },
  },
  {
    consent: { recipients: [jobcenter], from: -60, until: 300, language: 'uk', signed: true },
    referral: {
      organisation: jobcenter,
      status: 'accepted',
      dueIn: -20,
      completeByIn: 21,
      message: 'Anerkennung des Berufsabschlusses klären, Sprachkurs B2 läuft.',
      madeDaysAgo: 30,
    },
  },
  {
    consent: { recipients: [jobcenter], from: -120, until: 240, language: 'fa' },
    referral: {
      organisation: jobcenter,
      status: 'completed',
      dueIn: -90,
      completeByIn: -60,
      message: 'Vermittlung in eine Einstiegsqualifizierung.',
      feedback:
        'Einstiegsqualifizierung im Handwerk ab dem 1. des Monats vereinbart; Arbeitsvermittlerin bleibt zuständig.',
      madeDaysAgo: 110,
    },
  },
  {
    consent: {
      recipients: [caritas],
      categories: ['identity', 'contact', 'family'],
      from: -30,
      until: 335,
      language: 'ti',
    },
    referral: {
      organisation: caritas,
      status: 'declined',
      dueIn: -5,
      fields: ['familyName', 'givenNames', 'phone', 'household'],
      message: 'Familienberatung für die Familie erbeten.',
      feedback: 'Keine Kapazität bis Quartalsende; bitte an die Familienberatung der Diakonie wenden.',
      madeDaysAgo: 14,
    },
  },
  {
    consent: { recipients: [jobcenter], from: -3, until: 362 },
    referral: {
      organisation: jobcenter,
      status: 'draft',
      dueIn: 14,
      message: 'Entwurf: Übergang in den Rechtskreis SGB II vorbereiten.',
      madeDaysAgo: 0,
    },
  },
  {
    consent: { recipients: [jobcenter], from: -40, until: 325, language: 'tr' },
    referral: {
      organisation: jobcenter,
      status: 'cancelled',
      dueIn: 5,
      message: 'Termin hat sich erledigt, die Klientin ist verzogen.',
      madeDaysAgo: 12,
    },
  },
  {
    consent: { recipients: [jobcenter], from: -50, until: 315, language: 'ru' },
    referral: {
      organisation: jobcenter,
      status: 'sent',
      dueIn: -3,
      message: 'Bitte Rückmeldung zur Antragstellung auf Bürgergeld.',
      madeDaysAgo: 17,
    },
  },
  {
    // Expired: the referral was completed while it held; nothing is shown to the partner now.
    consent: { recipients: [jobcenter], from: -420, until: -30 },
    referral: {
      organisation: jobcenter,
      status: 'completed',
      dueIn: -300,
      completeByIn: -250,
      message: 'Integrationskurs und Beratung zur Arbeitsaufnahme.',
      feedback: 'Integrationskurs abgeschlossen, Beschäftigung in der Logistik aufgenommen.',
      madeDaysAgo: 320,
    },
  },
  {
    // Revoked five days ago: the partner's accepted referral shows no data any more.
    consent: { recipients: [jobcenter], from: -90, until: 275, revokedDaysAgo: 5 },
    referral: {
      organisation: jobcenter,
      status: 'accepted',
      dueIn: -60,
      completeByIn: 30,
      message: 'Unterstützung bei der Suche nach einem Ausbildungsplatz.',
      madeDaysAgo: 70,
    },
  },
  { consent: { recipients: [caritas, sozialamt], from: -500, until: -100 } },
  {
    referral: {
      organisation: abh,
      status: 'sent',
      dueIn: 7,
      fields: ['familyName', 'givenNames', 'birthDate', 'nationalities'],
      message: 'Abstimmung zur Verlängerung des Aufenthaltstitels.',
      override: {
        legalBasis: 'sgb-x-68',
        reason:
          'Klient nicht erreichbar, Titel läuft in drei Wochen ab; Abstimmung mit der Ausländerbehörde nötig.',
      },
      madeDaysAgo: 1,
    },
  },
]

const at = (day: string, hour: number) =>
  new Date(`${day}T${String(hour).padStart(2, '0')}:30:00Z`).toISOString()

/**
 * Consents (valid, expired, one revoked, signed forms) and referrals in every status on the case
 * manager's open demo cases. Idempotent: nothing is added once the district has a consent.
 */
export async function seedDemoConsentsAndReferrals(
  db: Kysely<DB>,
  districtId: string,
  now = new Date(),
): Promise<number> {
  const existing = await db
    .selectFrom('consent')
    .select('id')
    .where('district_id', '=', districtId)
    .executeTakeFirst()
  if (existing) return 0
  const users = await db
    .selectFrom('app_user')
    .select(['id', 'username'])
    .where('district_id', '=', districtId)
    .where('username', 'in', ['fallmanagement', 'partner.jobcenter'])
    .execute()
  const manager = users.find((user) => user.username === 'fallmanagement')?.id
  const partner = users.find((user) => user.username === 'partner.jobcenter')?.id
  if (!manager || !partner) return 0
  const organisations = new Map(
    (
      await db
        .selectFrom('organisation')
        .select(['id', 'name'])
        .where('district_id', '=', districtId)
        .execute()
    ).map((row) => [row.name, row.id]),
  )
  const services = await db
    .selectFrom('service')
    .select(['id', 'organisation_id', 'name'])
    .where('district_id', '=', districtId)
    .execute()
  const cases = await db
    .selectFrom('client_case as c')
    .innerJoin('case_manager as m', 'm.case_id', 'c.id')
    .select([
      'c.id',
      (eb) =>
        eb
          .selectFrom('case_person as cp')
          .innerJoin('person as p', 'p.id', 'cp.person_id')
          .whereRef('cp.case_id', '=', 'c.id')
          .where('p.phone', 'is not', null)
          .select((inner) => inner.fn.min<string>(inner.cast('p.id', 'text')).as('person'))
          .as('person_id'),
    ])
    .where('c.district_id', '=', districtId)
    .where('m.user_id', '=', manager)
    .where('c.phase', 'in', ['intake', 'assessment', 'planning', 'implementation'])
    .orderBy('c.reference')
    .execute()
  const targets = cases.filter((row) => row.person_id !== null).slice(0, plans.length)
  const today = localDay(now, defaultTimeZone)
  const day = (offset: number) => addDays(today, offset)
  const organisationId = (name: string) => {
    const id = organisations.get(name)
    if (!id) throw new Error(`demo organisation ${name} is missing`)
    return id
  }
  const serviceOf = (referral: ReferralPlan) => {
    if (!referral.service) return {}
    const service = services.find(
      (row) => row.organisation_id === organisationId(referral.organisation) && row.name === referral.service,
    )
    if (!service) throw new Error(`demo service ${referral.service} is missing`)
    return { service_id: service.id, service_name: service.name }
  }
  return db.transaction().execute(async (trx) => {
    let made = 0
    for (const [index, target] of targets.entries()) {
      const plan = plans[index]
      if (!plan) break
      const personId = target.person_id as string
      let consentId: string | null = null
      if (plan.consent) {
        const consent = plan.consent
        const recordedOn = day(Math.min(consent.from, 0))
        const row = await trx
          .insertInto('consent')
          .values({
            district_id: districtId,
            person_id: personId,
            recipient_organisation_ids: consent.recipients.map(organisationId),
            purposes: consent.purposes ?? ['referral'],
            data_categories: consent.categories ?? ['identity', 'contact'],
            legal_basis: 'gdpr-6-1-a',
            form: 'written',
            text_version: consentTextVersion,
            form_language: consent.language ?? null,
            valid_from: day(consent.from),
            valid_until: day(consent.until),
            recorded_by: manager,
            recorded_at: at(recordedOn, 9),
            ...(consent.revokedDaysAgo !== undefined
              ? {
                  revoked_on: day(-consent.revokedDaysAgo),
                  revoked_at: at(day(-consent.revokedDaysAgo), 10),
                  revoked_by: manager,
                  revocation_note: 'Widerruf telefonisch mitgeteilt, schriftliche Bestätigung folgt.',
                }
              : {}),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        consentId = row.id
        if (consent.signed) {
          const content = signedFormPdf()
          await trx
            .insertInto('consent_form_file')
            .values({
              consent_id: row.id,
              district_id: districtId,
              file_name: 'Einwilligung-unterschrieben.pdf',
              media_type: 'application/pdf',
              size_bytes: content.length,
              sha256: createHash('sha256').update(content).digest('hex'),
              content: sealBytes(content),
              uploaded_by: manager,
              uploaded_at: at(recordedOn, 10),
            })
            .execute()
        }
      }
      if (plan.referral) {
        const referral = plan.referral
        const made0 = day(-referral.madeDaysAgo)
        const steps: {
          from: ReferralStatus | null
          to: ReferralStatus
          by: string
          on: string
          note: string
        }[] = [
          {
            from: null,
            to: referral.status === 'draft' ? 'draft' : 'sent',
            by: manager,
            on: made0,
            note: '',
          },
        ]
        const next = (offset: number) => addDays(made0, Math.min(offset, referral.madeDaysAgo))
        if (referral.status === 'accepted' || referral.status === 'completed')
          steps.push({ from: 'sent', to: 'accepted', by: partner, on: next(1), note: '' })
        if (referral.status === 'completed')
          steps.push({
            from: 'accepted',
            to: 'completed',
            by: partner,
            on: next(20),
            note: referral.feedback ?? '',
          })
        if (referral.status === 'declined')
          steps.push({
            from: 'sent',
            to: 'declined',
            by: partner,
            on: next(2),
            note: referral.feedback ?? '',
          })
        if (referral.status === 'cancelled')
          steps.push({ from: 'sent', to: 'cancelled', by: manager, on: next(3), note: 'Klientin verzogen.' })
        const answered = steps.find((step) => step.to === 'accepted' || step.to === 'declined')
        const closed = steps.find((step) => ['completed', 'declined', 'cancelled'].includes(step.to))
        const row = await trx
          .insertInto('referral')
          .values({
            district_id: districtId,
            case_id: target.id,
            person_id: personId,
            organisation_id: organisationId(referral.organisation),
            ...serviceOf(referral),
            consent_id: referral.override ? null : consentId,
            purpose: 'referral',
            shared_fields: referral.fields ?? ['familyName', 'givenNames', 'birthDate', 'phone'],
            message: referral.message,
            due_on: day(referral.dueIn),
            status: referral.status,
            override_legal_basis: referral.override?.legalBasis ?? null,
            override_reason: referral.override?.reason ?? null,
            complete_by: referral.completeByIn !== undefined ? day(referral.completeByIn) : null,
            feedback: referral.feedback ?? null,
            created_by: manager,
            created_at: at(made0, 8),
            sent_at: referral.status === 'draft' ? null : at(made0, 8),
            answered_at: answered ? at(answered.on, 11) : null,
            answered_by: answered ? answered.by : null,
            closed_at: closed ? at(closed.on, 14) : null,
            closed_by: closed ? closed.by : null,
            updated_at: at(steps.at(-1)?.on ?? made0, 14),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        for (const [position, step] of steps.entries())
          await trx
            .insertInto('referral_status_change')
            .values({
              district_id: districtId,
              referral_id: row.id,
              from_status: step.from,
              to_status: step.to,
              note: step.note,
              changed_by: step.by,
              changed_at: at(step.on, 8 + position * 3),
            })
            .execute()
      }
      made++
    }
    await recordAudit(trx, {
      districtId,
      actorId: null,
      action: 'network.demo-seed',
      purpose: `cases:${made}`,
    })
    return made
  })
}
