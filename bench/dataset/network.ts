import { sql } from 'kysely'
import { overlapDomains, targetGroups } from '../../common/network.ts'
import { type DistrictContext, derivedId, hashOf } from './context.ts'

/** The kinds of partners a KIM district works with; `{d}` is the district's name. */
const partnerTemplates: [string, string, string[]][] = [
  ['Jobcenter {d}', 'jobcenter', ['SGB II']],
  ['Agentur für Arbeit {d}', 'agentur_fuer_arbeit', ['SGB III']],
  ['Ausländerbehörde {d}', 'auslaenderbehoerde', ['AufenthG', 'StAG']],
  ['Sozialamt {d}', 'sozialamt', ['SGB XII', 'AsylbLG']],
  ['Jugendamt {d}', 'jugendamt', ['SGB VIII']],
  ['Caritasverband {d}', 'wohlfahrtsverband', []],
  ['Schulamt {d}', 'schulamt', []],
  ['Kommunales Integrationszentrum {d}', 'kommunales_integrationszentrum', []],
  ['Diakonie {d}', 'wohlfahrtsverband', []],
  ['AWO {d}', 'wohlfahrtsverband', []],
  ['DRK {d}', 'wohlfahrtsverband', []],
  ['Der Paritätische {d}', 'wohlfahrtsverband', []],
  ['Jugendmigrationsdienst {d}', 'migrationsberatung', []],
  ['Migrationsberatung für Erwachsene {d}', 'migrationsberatung', []],
  ['Regionale Flüchtlingsberatung {d}', 'migrationsberatung', ['AsylbLG']],
  ['Integrationsrat {d}', 'integrationsrat', []],
  ['Volkshochschule {d}', 'bildungstraeger', []],
  ['Sprachschule {d}', 'bildungstraeger', []],
  ['Ukrainischer Verein {d} e. V.', 'migrantenorganisation', []],
  ['Syrisch-Deutscher Kulturverein {d} e. V.', 'migrantenorganisation', []],
  ['Afghanischer Elternverein {d} e. V.', 'migrantenorganisation', []],
  ['Eritreische Gemeinde {d} e. V.', 'migrantenorganisation', []],
]
/** Partners that get a sign-in of their own (Jobcenter first): the partner inbox's users. */
const partnersWithUsers = 6

export type NetworkDistrict = { organisationIds: string[]; jobcenterId: string; partnerUserIds: string[] }

/** Weights falling with the rank, as town sizes do. */
function zipfPick(random: DistrictContext['random'], count: number): number {
  let total = 0
  for (let index = 0; index < count; index++) total += 1 / (index + 1)
  let roll = random.next() * total
  for (let index = 0; index < count; index++) {
    roll -= 1 / (index + 1)
    if (roll <= 0) return index
  }
  return count - 1
}

function distinct<T>(count: number, draw: () => T): T[] {
  const picked = new Set<T>()
  for (let attempt = 0; picked.size < count && attempt < count * 20; attempt++) picked.add(draw())
  return [...picked]
}

/**
 * The network of one district: its partner organisations (more with more cases), partner users,
 * services with their cells, consents of four persons in ten, referrals of one case in five (most
 * to the Jobcenter), legal-sphere changes with the Jobcenter hand-over and short consultations.
 */
export async function writeNetworkDistrict(
  context: DistrictContext,
  cases: number,
): Promise<NetworkDistrict> {
  const { exec, did, random } = context
  const extra = Math.min(80, Math.round(cases / 2_000))
  const kommunen = Math.min(10, context.municipalityIds.length > 1 ? context.municipalityIds.length : 0)
  const organisations = [
    ...partnerTemplates.map(([name, kind, spheres]) => ({
      name: name.replace('{d}', context.name),
      kind,
      spheres,
    })),
    ...Array.from({ length: kommunen }, (_, index) => ({
      name: `Gemeinde ${index + 1} (${context.name})`,
      kind: 'kommune',
      spheres: [] as string[],
    })),
    ...Array.from({ length: extra }, (_, index) => ({
      name: `Träger ${index + 1} ${context.name}`,
      kind: index % 3 === 0 ? 'bildungstraeger' : 'wohlfahrtsverband',
      spheres: [] as string[],
    })),
  ].map((organisation) => ({ ...organisation, id: context.uuid() }))
  await exec(sql`INSERT INTO organisation (id, district_id, name, kind, legal_spheres)
    SELECT id, ${did}, name, kind, string_to_array(spheres, ',')
    FROM unnest(${organisations.map((o) => o.id)}::uuid[], ${organisations.map((o) => o.name)}::text[],
      ${organisations.map((o) => o.kind)}::text[], ${organisations.map((o) => o.spheres.join(','))}::text[])
      AS o(id, name, kind, spheres)`)
  const organisationIds = organisations.map((o) => o.id)
  const jobcenterId = organisationIds[0] as string
  const partnerUsers = organisations.slice(0, partnersWithUsers).map((organisation, index) => ({
    id: context.uuid(),
    organisationId: organisation.id,
    username: `${context.usernamePrefix}partner.${index + 1}`,
    name: `Partner ${index + 1} ${organisation.name}`.slice(0, 200),
  }))
  await exec(sql`INSERT INTO app_user (id, district_id, organisation_id, username, display_name, roles)
    SELECT id, ${did}, organisation, username, name, ARRAY['partner']
    FROM unnest(${partnerUsers.map((u) => u.id)}::uuid[], ${partnerUsers.map((u) => u.organisationId)}::uuid[],
      ${partnerUsers.map((u) => u.username)}::text[], ${partnerUsers.map((u) => u.name)}::text[])
      AS u(id, organisation, username, name)`)

  // Services: four per organisation on average, most in one to four municipalities, one in ten
  // district-wide, one in ten ended.
  const services = Array.from({ length: organisations.length * 4 }, (_, index) => {
    const municipalityCount = context.municipalityIds.length
    const municipalities = random.chance(0.1)
      ? context.municipalityIds
      : distinct(1 + random.below(Math.min(4, municipalityCount)), () =>
          zipfPick(random, municipalityCount),
        ).map((m) => context.municipalityIds[m] as string)
    return {
      id: context.uuid(),
      organisationId: organisationIds[zipfPick(random, organisationIds.length)] as string,
      name: `Angebot ${index + 1}`,
      domains: distinct(1 + random.below(3), () => random.pick(overlapDomains)),
      targetGroups: distinct(1 + random.below(2), () => random.pick(targetGroups)),
      municipalities,
      endsOn: random.chance(0.1) ? '2025-06-30' : null,
    }
  })
  await exec(sql`INSERT INTO service (id, district_id, organisation_id, name, domains, target_groups, municipality_ids, ends_on, created_by)
    SELECT s.id, ${did}, s.organisation_id, s.name, string_to_array(s.domains, ','),
      string_to_array(s.target_groups, ','), string_to_array(s.municipality_ids, ',')::uuid[], s.ends_on, ${context.coordinatorId}::uuid
    FROM unnest(${services.map((s) => s.id)}::uuid[], ${services.map((s) => s.organisationId)}::uuid[],
      ${services.map((s) => s.name)}::text[], ${services.map((s) => s.domains.join(','))}::text[],
      ${services.map((s) => s.targetGroups.join(','))}::text[], ${services.map((s) => s.municipalities.join(','))}::text[],
      ${services.map((s) => s.endsOn)}::date[])
      AS s(id, organisation_id, name, domains, target_groups, municipality_ids, ends_on)`)
  // The cells, as the service layer writes them with each service.
  await exec(sql`INSERT INTO service_cell (district_id, service_id, organisation_id, domain, target_group, municipality_id)
    SELECT s.district_id, s.id, s.organisation_id, d, t, m
    FROM service s, unnest(s.domains) d, unnest(s.target_groups) t, unnest(s.municipality_ids) m
    WHERE s.district_id = ${did}`)

  // The first person of each case, for consents and referrals.
  await exec(sql`CREATE TEMP TABLE bench_case_first AS
    SELECT c.id AS case_id, c.opened_on, c.phase, c.created_by,
      (SELECT min(cp.person_id::text)::uuid FROM case_person cp WHERE cp.case_id = c.id) AS person_id,
      ${hashOf(sql`c.id`, 'n')} AS h
    FROM client_case c WHERE c.district_id = ${did}`)
  const organisationCount = organisationIds.length
  // Consents of four cases in ten, to the Jobcenter and one other partner: 80 % valid, 10 % expired,
  // 10 % revoked.
  await exec(sql`INSERT INTO consent (id, district_id, person_id, recipient_organisation_ids, purposes, data_categories,
      legal_basis, form, text_version, form_language, valid_from, valid_until, recorded_by, recorded_at,
      revoked_on, revoked_at, revoked_by)
    SELECT ${derivedId(context, 'consent', sql`f.case_id`)}, ${did}, f.person_id,
      ARRAY[${jobcenterId}::uuid, (${organisationIds}::uuid[])[2 + (f.h / 10) % ${organisationCount - 1}]],
      CASE WHEN f.h % 3 = 0 THEN ARRAY['referral', 'information-exchange'] ELSE ARRAY['referral'] END,
      CASE WHEN f.h % 4 = 0 THEN ARRAY['identity', 'contact', 'benefits'] ELSE ARRAY['identity', 'contact'] END,
      'gdpr-6-1-a', CASE WHEN f.h % 5 = 0 THEN 'electronic' ELSE 'written' END, '2026-12',
      CASE WHEN f.h % 7 = 0 THEN (ARRAY['ar', 'fa', 'uk', 'ru', 'tr', 'en', 'ti'])[1 + (f.h / 7) % 7] END,
      f.opened_on + 3,
      CASE WHEN (f.h / 100) % 10 = 0 THEN least(current_date - 1, f.opened_on + 200) ELSE f.opened_on + 3 + 730 END,
      f.created_by, f.opened_on + 3 + time '10:00',
      CASE WHEN (f.h / 100) % 10 = 1 THEN current_date - (f.h % 30)::int END,
      CASE WHEN (f.h / 100) % 10 = 1 THEN (current_date - (f.h % 30)::int) + time '11:00' END,
      CASE WHEN (f.h / 100) % 10 = 1 THEN f.created_by END
    FROM bench_case_first f
    WHERE f.h % 10 < 4 AND f.person_id IS NOT NULL AND f.opened_on + 3 < current_date`)
  // Referrals of half the consenting cases (the Jobcenter in seven of ten) and a few on a legal
  // basis without consent; the statuses as an inbox has them, answered after 0 to 29 days.
  await exec(sql`INSERT INTO referral (district_id, case_id, person_id, organisation_id, consent_id, purpose, shared_fields,
      due_on, status, override_legal_basis, override_reason, created_by, created_at, sent_at, answered_at, closed_at, updated_at)
    SELECT ${did}, f.case_id, f.person_id, o.organisation_id, o.consent_id, 'referral',
      ARRAY['familyName', 'givenNames', 'phone'], s.sent::date + 30,
      s.status, o.override_basis, o.override_reason, f.created_by, s.sent, CASE WHEN s.status <> 'draft' THEN s.sent END,
      CASE WHEN s.status IN ('accepted', 'declined', 'completed') THEN least(now(), s.sent + (f.h % 30) * interval '1 day') END,
      CASE WHEN s.status IN ('completed', 'cancelled') THEN now() END, s.sent
    FROM bench_case_first f
    LEFT JOIN consent c ON c.id = ${derivedId(context, 'consent', sql`f.case_id`)},
      LATERAL (SELECT
        CASE WHEN c.id IS NOT NULL THEN c.recipient_organisation_ids[CASE WHEN (f.h / 3) % 10 < 7 THEN 1 ELSE 2 END]
          ELSE ${jobcenterId}::uuid END AS organisation_id,
        c.id AS consent_id,
        CASE WHEN c.id IS NULL THEN 'sgb-x-69-1-1' END AS override_basis,
        CASE WHEN c.id IS NULL THEN 'Aufgabe nach SGB II' END AS override_reason) o,
      LATERAL (SELECT greatest(f.opened_on + 7, current_date - 400) + time '10:00' AS sent,
        (ARRAY['sent', 'sent', 'sent', 'sent', 'sent', 'sent', 'sent', 'accepted', 'accepted', 'accepted', 'accepted', 'accepted',
          'completed', 'completed', 'completed', 'completed', 'completed', 'declined', 'cancelled', 'draft'])[1 + (f.h / 11) % 20] AS status) s
    WHERE ((c.id IS NOT NULL AND (f.h / 13) % 2 = 0) OR (c.id IS NULL AND (f.h / 13) % 100 = 1))
      AND f.opened_on + 7 < current_date`)
  // Legal-sphere changes of one case in twenty, eight in ten into SGB II, with the Jobcenter
  // appointment of the hand-over done for six in ten.
  await exec(sql`INSERT INTO legal_sphere_change (district_id, person_id, case_id, from_sphere, to_sphere, effective_on, reason, recorded_by, applied_at)
    SELECT ${did}, f.person_id, f.case_id, 'AsylbLG', CASE WHEN (f.h / 20) % 10 < 8 THEN 'SGB II' ELSE 'SGB XII' END,
      f.opened_on + 20, 'recognition', f.created_by, f.opened_on + 20 + time '12:00'
    FROM bench_case_first f
    WHERE f.h % 20 = 3 AND f.person_id IS NOT NULL AND f.opened_on + 20 <= current_date`)
  await exec(sql`INSERT INTO legal_sphere_handover_step (district_id, change_id, step, due_on, done_on)
    SELECT l.district_id, l.id, 'jobcenter-appointment', l.effective_on + 14,
      CASE WHEN l.effective_on + h % 45 <= current_date THEN l.effective_on + h % 45 END
    FROM legal_sphere_change l, LATERAL (SELECT abs(hashtext(l.id::text)) AS h) x
    WHERE l.district_id = ${did} AND h % 10 < 6`)
  // Short consultations (without a case): one for every ten cases over the last year.
  await exec(sql`INSERT INTO short_consultation (district_id, occurred_on, municipality_id, domains, language, channel, recorded_by)
    SELECT ${did}, current_date - (g * 7901 % 365), (${context.municipalityIds}::uuid[])[1 + g % ${context.municipalityIds.length}],
      ARRAY[(ARRAY['work', 'language', 'housing', 'residence', 'health'])[1 + g % 5]],
      (ARRAY['de', 'ar', 'uk', 'fa', 'tr'])[1 + g / 5 % 5], (ARRAY['phone', 'in-person', 'email'])[1 + g % 3], ${context.coordinatorId}::uuid
    FROM generate_series(1, ${Math.ceil(cases / 10)}) AS g`)
  await exec(sql`DROP TABLE bench_case_first`)
  return { organisationIds, jobcenterId, partnerUserIds: partnerUsers.map((u) => u.id) }
}
