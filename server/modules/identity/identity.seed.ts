import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Role } from '../../../common/identity.ts'
import type { DB } from '../../db/schema.ts'
import { recordAudit } from '../audit/index.ts'
import { insertOrganisationIfMissing, insertTeamIfMissing } from './organisation.queries.ts'
import { hashPassword } from './password.ts'
import { relaxSecondFactorRuleIfUnset } from './second-factor.service.ts'
import { insertUser, replaceUserTeams, selectUserByUsername, updateIfVersion } from './user.queries.ts'

type DemoUser = { username: string; displayName: string; roles: Role[]; team?: string; organisation?: string }

const demoOrganisations = [
  { name: 'Jobcenter Rhein-Sieg', kind: 'jobcenter', legalSpheres: ['SGB II'] },
  {
    name: 'Ausländerbehörde Rhein-Sieg-Kreis',
    kind: 'auslaenderbehoerde',
    legalSpheres: ['AufenthG', 'StAG'],
  },
  { name: 'Sozialamt Rhein-Sieg-Kreis', kind: 'sozialamt', legalSpheres: ['SGB XII', 'AsylbLG'] },
  { name: 'Caritasverband Rhein-Sieg', kind: 'wohlfahrtsverband', legalSpheres: [] },
  {
    name: 'Kommunales Integrationszentrum Rhein-Sieg-Kreis',
    kind: 'kommunales_integrationszentrum',
    legalSpheres: [],
  },
  // The district's other kinds of partners (issue 10); the network's demo gives them profiles and services.
  { name: 'Agentur für Arbeit Bonn', kind: 'agentur_fuer_arbeit', legalSpheres: ['SGB III'] },
  { name: 'Jugendamt Rhein-Sieg-Kreis', kind: 'jugendamt', legalSpheres: ['SGB VIII'] },
  { name: 'Diakonie An Sieg und Rhein', kind: 'wohlfahrtsverband', legalSpheres: [] },
  { name: 'AWO Kreisverband Rhein-Sieg', kind: 'wohlfahrtsverband', legalSpheres: [] },
  { name: 'DRK-Kreisverband Rhein-Sieg', kind: 'wohlfahrtsverband', legalSpheres: [] },
  { name: 'Der Paritätische Rhein-Sieg', kind: 'wohlfahrtsverband', legalSpheres: [] },
  { name: 'Jugendmigrationsdienst Rhein-Sieg', kind: 'migrationsberatung', legalSpheres: [] },
  { name: 'Regionale Flüchtlingsberatung Rhein-Sieg', kind: 'migrationsberatung', legalSpheres: ['AsylbLG'] },
  { name: 'Integrationsrat der Stadt Troisdorf', kind: 'integrationsrat', legalSpheres: [] },
  { name: 'Integrationsrat der Stadt Sankt Augustin', kind: 'integrationsrat', legalSpheres: [] },
  { name: 'Ukrainischer Verein Rhein-Sieg e. V.', kind: 'migrantenorganisation', legalSpheres: [] },
  { name: 'Syrisch-Deutscher Kulturverein Troisdorf e. V.', kind: 'migrantenorganisation', legalSpheres: [] },
  { name: 'Volkshochschule Rhein-Sieg', kind: 'bildungstraeger', legalSpheres: [] },
  // Municipalities hold seats in the steering group as organisations of kind kommune.
  { name: 'Stadt Troisdorf', kind: 'kommune', legalSpheres: [] },
  { name: 'Stadt Sankt Augustin', kind: 'kommune', legalSpheres: [] },
  { name: 'Kreisstadt Siegburg', kind: 'kommune', legalSpheres: [] },
]

/** The demo organisations in the order they are created (the case-work demo assigns partners by it). */
export const demoOrganisationNames: readonly string[] = demoOrganisations.map(
  (organisation) => organisation.name,
)

/** One user per role, as DOMAIN.md describes them; the usernames are printed at start. */
export const demoUsersByDistrict: Record<string, DemoUser[]> = {
  '05382': [
    { username: 'admin', displayName: 'Anna Becker', roles: ['admin'] },
    { username: 'koordination', displayName: 'Jonas Wagner', roles: ['coordinator'] },
    { username: 'fallmanagement', displayName: 'Leyla Yıldız', roles: ['case_manager'], team: 'Team Nord' },
    { username: 'teamleitung', displayName: 'Markus Hoffmann', roles: ['team_lead'], team: 'Team Nord' },
    // A second team, so that the duplicate check can show a match in another team's caseload.
    {
      username: 'fallmanagement.sued',
      displayName: 'Tobias Schmitz',
      roles: ['case_manager'],
      team: 'Team Süd',
    },
    {
      username: 'partner.jobcenter',
      displayName: 'Sabine Krüger',
      roles: ['partner'],
      organisation: 'Jobcenter Rhein-Sieg',
    },
    { username: 'bericht', displayName: 'Dr. Thomas Richter', roles: ['report_reader'] },
    { username: 'datenschutz', displayName: 'Claudia Neumann', roles: ['dpo'] },
  ],
  '99101': [{ username: 'admin.lindenau', displayName: 'Peter Lindner', roles: ['admin'] }],
}

export type DemoIdentitiesResult = {
  password: string
  generated: boolean
  created: number
  usernames: string[]
}

/**
 * Creates the demo organisations, teams and users, and sets every demo user's password to the
 * given one (or a fresh random one), so the password printed at start is always the one that works.
 */
export async function seedDemoIdentities(
  db: Kysely<DB>,
  districtIdsByCode: Map<string, string>,
  password: string | undefined,
): Promise<DemoIdentitiesResult> {
  const demoPassword = password ?? `demo-${randomBytes(9).toString('base64url')}`
  const passwordHash = await hashPassword(demoPassword)
  let created = 0
  const usernames: string[] = []
  for (const [code, users] of Object.entries(demoUsersByDistrict)) {
    const districtId = districtIdsByCode.get(code)
    if (!districtId) continue
    await db.transaction().execute(async (trx) => {
      await relaxSecondFactorRuleIfUnset(trx, districtId)
      const organisationIds = new Map<string, string>()
      if (code === '05382') {
        for (const organisation of demoOrganisations) {
          organisationIds.set(
            organisation.name,
            await insertOrganisationIfMissing(trx, districtId, organisation),
          )
        }
      }
      for (const user of users) {
        usernames.push(user.username)
        const existing = await selectUserByUsername(trx, user.username)
        if (existing) {
          await updateIfVersion(trx, 'app_user', districtId, existing.id, existing.version, {
            password_hash: passwordHash,
            password_changed_at: new Date().toISOString(),
          })
          continue
        }
        const userId = await insertUser(trx, {
          district_id: districtId,
          organisation_id: user.organisation ? (organisationIds.get(user.organisation) ?? null) : null,
          username: user.username,
          display_name: user.displayName,
          password_hash: passwordHash,
          roles: user.roles,
        })
        // Checked just above in the same transaction; only a concurrent seed could take the name.
        if (!userId) throw new Error(`demo username ${user.username} was taken meanwhile`)
        if (user.team)
          await replaceUserTeams(trx, districtId, userId, [
            await insertTeamIfMissing(trx, districtId, user.team),
          ])
        await recordAudit(trx, {
          districtId,
          actorId: null,
          action: 'user.create',
          subjectType: 'user',
          subjectId: userId,
          purpose: 'demo data',
        })
        created++
      }
    })
  }
  return { password: demoPassword, generated: password === undefined, created, usernames }
}
