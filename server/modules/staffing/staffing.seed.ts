import type { Kysely, Transaction } from 'kysely'
import { localDay } from '../../../common/dates.ts'
import type { Baustein, EmployerKind } from '../../../common/staffing.ts'
import type { DB } from '../../db/schema.ts'
import { districtTimeZone } from '../../platform/district-time.ts'
import { districtMunicipalities } from '../districts/index.ts'
import { activeUsersWithRole, districtOrganisations } from '../identity/index.ts'
import { insertContract, insertStaffMember, setPlannedDeparture } from './contracts/contract.queries.ts'
import { insertPosition, selectPositions } from './positions/position.queries.ts'
import { insertFundingRate, insertPayGrade } from './rates/rate.queries.ts'
import { addDays, addMonths } from './staffing-days.ts'

/**
 * Demo data of staffing for the Rhein-Sieg-Kreis, as the committee minutes describe it: every
 * position filled, the case managers' contracts fixed-term until 31 December of this year (the
 * funding is expected to continue, the budget deliberations decide), one case manager who has
 * announced leaving before that, the state programme's funding table and the pay-grade costs.
 * People are invented; the coordinator and two case managers are the demo users.
 */

type DemoContract = {
  familyName: string
  givenNames: string
  /** A demo user's display name, to link the staff member to the account. */
  user?: string
  fte: number
  startsOn: string
  /** 'year-end': 31 December of this year; null: open-ended; else a day. */
  endsOn: 'year-end' | 'next-mid-year' | null
  reason?: string
  /** Has announced leaving: on the last day of the month after next, before the contract ends. */
  leavesEarly?: boolean
}
type DemoPosition = {
  baustein: Baustein
  title: string
  fte: number
  employerKind: EmployerKind
  employer?: string
  municipality?: string
  area?: string
  payGrade: string
  workplaceSetUpOn?: string
  contracts: DemoContract[]
}

const fixedTerm = 'Befristung bis zum Ende des Förderzeitraums (§ 14 Abs. 1 Nr. 1 TzBfG)'

const positions: DemoPosition[] = [
  {
    baustein: 'coordination',
    title: 'KIM-Koordination',
    fte: 1,
    employerKind: 'district',
    area: 'Kommunales Integrationszentrum',
    payGrade: 'EG 12',
    contracts: [
      {
        familyName: 'Wagner',
        givenNames: 'Jonas',
        user: 'Jonas Wagner',
        fte: 1,
        startsOn: '2020-07-01',
        endsOn: null,
      },
    ],
  },
  {
    baustein: 'administrative-assistance',
    title: 'Verwaltungsassistenz KIM',
    fte: 0.5,
    employerKind: 'district',
    area: 'Kommunales Integrationszentrum',
    payGrade: 'EG 8',
    contracts: [
      { familyName: 'Krämer', givenNames: 'Heike', fte: 0.5, startsOn: '2021-01-01', endsOn: null },
    ],
  },
  {
    baustein: 'case-management',
    title: 'Case Management Troisdorf',
    fte: 1,
    employerKind: 'district',
    municipality: 'Troisdorf',
    payGrade: 'EG 10',
    contracts: [
      {
        familyName: 'Yıldız',
        givenNames: 'Leyla',
        user: 'Leyla Yıldız',
        fte: 1,
        startsOn: '2024-03-01',
        endsOn: 'year-end',
        reason: fixedTerm,
      },
    ],
  },
  {
    baustein: 'case-management',
    title: 'Case Management Siegburg',
    fte: 1,
    employerKind: 'district',
    municipality: 'Siegburg',
    payGrade: 'EG 10',
    contracts: [
      {
        familyName: 'Schmitz',
        givenNames: 'Tobias',
        user: 'Tobias Schmitz',
        fte: 1,
        startsOn: '2023-09-01',
        endsOn: 'year-end',
        reason: fixedTerm,
      },
    ],
  },
  {
    baustein: 'case-management',
    title: 'Case Management Sankt Augustin',
    fte: 1,
    employerKind: 'district',
    municipality: 'Sankt Augustin',
    payGrade: 'EG 10',
    contracts: [
      {
        familyName: 'Petrović',
        givenNames: 'Ana',
        fte: 0.5,
        startsOn: '2024-01-01',
        endsOn: 'year-end',
        reason: fixedTerm,
      },
      {
        familyName: 'Weber',
        givenNames: 'Lukas',
        fte: 0.5,
        startsOn: '2024-05-01',
        endsOn: 'year-end',
        reason: fixedTerm,
      },
    ],
  },
  {
    baustein: 'case-management',
    title: 'Case Management Hennef und Eitorf',
    fte: 1,
    employerKind: 'welfare-association',
    employer: 'Caritasverband Rhein-Sieg',
    municipality: 'Hennef (Sieg)',
    area: 'Hennef (Sieg), Eitorf, Windeck',
    payGrade: 'EG 10',
    contracts: [
      {
        familyName: 'Haddad',
        givenNames: 'Samir',
        fte: 1,
        startsOn: '2022-02-01',
        endsOn: 'year-end',
        reason: fixedTerm,
      },
    ],
  },
  {
    baustein: 'case-management',
    title: 'Case Management Bornheim und Alfter',
    fte: 1,
    employerKind: 'welfare-association',
    employer: 'Diakonie An Sieg und Rhein',
    municipality: 'Bornheim',
    area: 'Bornheim, Alfter, Swisttal',
    payGrade: 'EG 10',
    contracts: [
      {
        familyName: 'Nowak',
        givenNames: 'Julia',
        fte: 1,
        startsOn: '2022-04-01',
        endsOn: 'next-mid-year',
        reason: 'Befristung bis zum Ende der Weiterleitungsvereinbarung',
        leavesEarly: true,
      },
    ],
  },
  {
    baustein: 'case-management',
    title: 'Case Management Königswinter',
    fte: 0.5,
    employerKind: 'municipality',
    municipality: 'Königswinter',
    payGrade: 'EG 10',
    contracts: [
      {
        familyName: 'Bauer',
        givenNames: 'Miriam',
        fte: 0.5,
        startsOn: '2025-01-01',
        endsOn: 'year-end',
        reason: fixedTerm,
      },
    ],
  },
  {
    baustein: 'immigration-office',
    title: 'Einbürgerung und Aufenthaltsverfestigung',
    fte: 1,
    employerKind: 'district',
    employer: 'Ausländerbehörde Rhein-Sieg-Kreis',
    area: 'Ausländerbehörde',
    payGrade: 'EG 9b',
    contracts: [{ familyName: 'Klein', givenNames: 'Stefan', fte: 1, startsOn: '2021-06-01', endsOn: null }],
  },
]

/** Employer's annual cost of one FTE (TVöD VKA, with social contributions), before and after a raise. */
const payGrades: [string, number, number][] = [
  ['EG 8', 56_400, 57_980],
  ['EG 9b', 62_300, 64_050],
  ['EG 10', 68_100, 70_010],
  ['EG 11', 72_600, 74_640],
  ['EG 12', 78_900, 81_110],
]

async function seedTables(trx: Transaction<DB>, districtId: string, createdBy: string, year: number) {
  const programme = 'KIM – Förderung nach § 9 TIntG NRW'
  const from = '2023-01-01'
  const until = `${year}-12-31`
  const rates: [Baustein, 'per-fte-year' | 'workplace-once', number, number][] = [
    ['coordination', 'per-fte-year', 57_000, 1],
    ['case-management', 'per-fte-year', 57_000, 1],
    ['administrative-assistance', 'per-fte-year', 22_500, 0.5],
    ['coordination', 'workplace-once', 5_700, 1],
    ['case-management', 'workplace-once', 5_700, 1],
  ]
  for (const [baustein, kind, amount, fteBasis] of rates) {
    await insertFundingRate(trx, {
      district_id: districtId,
      baustein,
      kind,
      amount,
      fte_basis: fteBasis,
      valid_from: from,
      valid_until: until,
      programme,
      created_by: createdBy,
    })
  }
  for (const [grade, before, after] of payGrades) {
    await insertPayGrade(trx, {
      district_id: districtId,
      pay_grade: grade,
      annual_cost: before,
      valid_from: '2025-04-01',
      valid_until: '2026-04-30',
      created_by: createdBy,
    })
    await insertPayGrade(trx, {
      district_id: districtId,
      pay_grade: grade,
      annual_cost: after,
      valid_from: '2026-05-01',
      valid_until: null,
      created_by: createdBy,
    })
  }
}

/** Seeds staffing for a district once; returns the number of positions created. */
export async function seedDemoStaffing(
  db: Kysely<DB>,
  districtId: string,
  now = new Date(),
): Promise<number> {
  if ((await selectPositions(db, districtId)).length > 0) return 0
  const [coordinators, caseManagers, organisations, municipalities, timeZone] = await Promise.all([
    activeUsersWithRole(db, districtId, 'coordinator'),
    activeUsersWithRole(db, districtId, 'case_manager'),
    districtOrganisations(db, districtId),
    districtMunicipalities(db, districtId),
    districtTimeZone(db, districtId),
  ])
  const coordinator = coordinators[0]
  if (!coordinator) return 0
  const today = localDay(now, timeZone)
  const year = Number(today.slice(0, 4))
  const users = new Map([...coordinators, ...caseManagers].map((user) => [user.displayName, user.id]))
  const organisationIds = new Map(organisations.map((organisation) => [organisation.name, organisation.id]))
  const municipalityIds = new Map(municipalities.map((municipality) => [municipality.name, municipality.id]))
  const endOf = (end: DemoContract['endsOn']) =>
    end === 'year-end' ? `${year}-12-31` : end === 'next-mid-year' ? `${year + 1}-06-30` : null
  // The last day of the month after next: far enough to act, inside the warning horizon.
  const leavingDay = addDays(addMonths(`${today.slice(0, 7)}-01`, 2), -1)
  return db.transaction().execute(async (trx) => {
    await seedTables(trx, districtId, coordinator.id, year)
    for (const position of positions) {
      const positionId = await insertPosition(trx, {
        district_id: districtId,
        baustein: position.baustein,
        title: position.title,
        fte: position.fte,
        employer_kind: position.employerKind,
        employer_organisation_id: position.employer ? (organisationIds.get(position.employer) ?? null) : null,
        municipality_id: position.municipality ? (municipalityIds.get(position.municipality) ?? null) : null,
        area: position.area ?? '',
        pay_grade: position.payGrade,
        funding_programme: 'KIM – Förderung nach § 9 TIntG NRW',
        funded_from: '2020-07-01',
        funded_until: `${year}-12-31`,
        workplace_set_up_on: position.workplaceSetUpOn ?? null,
        in_recruitment: false,
        created_by: coordinator.id,
      })
      for (const contract of position.contracts) {
        const staffMemberId = await insertStaffMember(trx, {
          district_id: districtId,
          family_name: contract.familyName,
          given_names: contract.givenNames,
          user_id: contract.user ? (users.get(contract.user) ?? null) : null,
        })
        const contractId = await insertContract(trx, {
          district_id: districtId,
          position_id: positionId,
          staff_member_id: staffMemberId,
          fte: contract.fte,
          starts_on: contract.startsOn,
          ends_on: endOf(contract.endsOn),
          fixed_term_reason: contract.reason ?? '',
          created_by: coordinator.id,
        })
        const ends = endOf(contract.endsOn)
        if (contract.leavesEarly && (ends === null || leavingDay < ends)) {
          await setPlannedDeparture(
            trx,
            districtId,
            contractId,
            { leaves_on: leavingDay, note: 'Wechsel in eine unbefristete Stelle angekündigt' },
            coordinator.id,
          )
        }
      }
    }
    return positions.length
  })
}
