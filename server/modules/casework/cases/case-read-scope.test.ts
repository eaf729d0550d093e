import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { caseListQuerySchema } from '../../../../common/casework.ts'
import { type Role, roles } from '../../../../common/identity.ts'
import { demoDistricts } from '../../../db/seed/districts.ts'
import { Forbidden } from '../../../platform/errors.ts'
import { type Actor, type CaseSubject, can } from '../../../platform/policy.ts'
import { databaseKinds, useTestDatabase } from '../../../test/database.ts'
import { seedDistricts } from '../../districts/index.ts'
import { upsertCaseWorkSettings } from '../settings/settings.queries.ts'
import { listCases } from './case.service.ts'

/**
 * The case list and the policy's `case.read` are one rule: for random actors (any roles, any
 * teams, any user) and both settings of the district, the list shows a case exactly when
 * `case.read` allows it. The cases cover every shape a case can have for the rule: each team
 * (own, other, none) with each set of managers, plus cases of another district.
 */
describe.each(databaseKinds)('the case list agrees with case.read on %s', (kind) => {
  const holder = useTestDatabase(kind)
  let districtId: string
  let users: string[]
  let teams: string[]
  let foreignTeam: string
  const cases: CaseSubject[] = []

  beforeAll(async () => {
    const { db } = holder.database
    await seedDistricts(db, demoDistricts)
    const [own, other] = await db
      .selectFrom('municipality')
      .select(['id', 'district_id'])
      .distinctOn('district_id')
      .orderBy('district_id')
      .limit(2)
      .execute()
    if (!own || !other) throw new Error('the test database needs two districts with municipalities')
    districtId = own.district_id
    const addTeam = async (district: string, name: string) =>
      (
        await db
          .insertInto('team')
          .values({ district_id: district, name })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    const addUser = async (district: string, username: string) =>
      (
        await db
          .insertInto('app_user')
          .values({
            district_id: district,
            organisation_id: null,
            username,
            display_name: username,
            password_hash: null,
            password_changed_at: null,
            roles: ['case_manager'],
            disabled_at: null,
            totp_secret: null,
            totp_enabled_at: null,
            totp_last_step: null,
            sso_issuer: null,
            sso_subject: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    teams = [await addTeam(districtId, 'Scope A'), await addTeam(districtId, 'Scope B')]
    foreignTeam = await addTeam(other.district_id, 'Scope Fremd')
    users = []
    for (const name of ['scope.u1', 'scope.u2', 'scope.u3', 'scope.u4'])
      users.push(await addUser(districtId, name))
    const foreignUser = await addUser(other.district_id, 'scope.fremd')

    let number = 0
    const addCase = async (
      district: string,
      municipalityId: string,
      teamId: string | null,
      managerIds: string[],
    ) => {
      number += 1
      const { id } = await db
        .insertInto('client_case')
        .values({
          district_id: district,
          reference: `2026-9${String(number).padStart(3, '0')}`,
          municipality_id: municipalityId,
          team_id: teamId,
          opened_on: '2026-01-02',
          created_by: managerIds[0] ?? (district === districtId ? (users[0] as string) : foreignUser),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      if (managerIds.length > 0)
        await db
          .insertInto('case_manager')
          .values(managerIds.map((userId) => ({ case_id: id, user_id: userId, district_id: district })))
          .execute()
      cases.push({ type: 'case', id, districtId: district, teamId, managerIds, teamCasesVisible: false })
    }
    const managerSets = [0, 1, 2, 3, 4, 5, 6, 7].map((bits) =>
      users.slice(0, 3).filter((_, i) => bits & (1 << i)),
    )
    for (const teamId of [teams[0] as string, teams[1] as string, null])
      for (const managerIds of managerSets) await addCase(districtId, own.id, teamId, managerIds)
    await addCase(other.district_id, other.id, foreignTeam, [foreignUser])
    await addCase(other.district_id, other.id, null, [foreignUser])
  })

  const actors = () =>
    fc.record({
      userId: fc.constantFrom(...users),
      roles: fc.subarray([...roles] as Role[]),
      teamIds: fc.subarray([...teams, foreignTeam]),
    })

  it('shows a case in the list exactly when case.read allows it', async () => {
    const { db } = holder.database
    const query = caseListQuerySchema.parse({ limit: 200 })
    await fc.assert(
      fc.asyncProperty(actors(), fc.boolean(), async (drawn, teamCasesVisible) => {
        await db.transaction().execute((trx) =>
          upsertCaseWorkSettings(trx, districtId, {
            team_cases_visible: teamCasesVisible,
            residence_expiry_lead_days: 90,
          }),
        )
        const actor: Actor = { ...drawn, districtId, organisationId: null }
        const readable = cases
          .filter((subject) => can(actor, 'case.read', { ...subject, teamCasesVisible }))
          .map((subject) => subject.id)
          .sort()
        let listed: string[]
        try {
          const page = await listCases(db, actor, query, {
            actorId: actor.userId,
            actorRoles: actor.roles,
            districtId,
            requestId: 'case-read-scope',
            clientPseudonym: 'test',
            now: new Date(),
          })
          listed = page.items.map((item) => item.id).sort()
        } catch (error) {
          // Without a case-work role there is no list at all; then no case may be readable either.
          if (!(error instanceof Forbidden)) throw error
          listed = []
        }
        expect(listed).toEqual(readable)
      }),
      { numRuns: 60 },
    )
  })
})
