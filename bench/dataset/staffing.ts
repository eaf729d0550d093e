import { sql } from 'kysely'
import type { DistrictContext } from './context.ts'

const payGrades: [string, number][] = [
  ['EG 8', 61_000],
  ['EG 9b', 66_000],
  ['EG 9c', 69_000],
  ['EG 10', 73_000],
  ['EG 11', 77_000],
  ['EG 12', 83_000],
]

/**
 * Staffing of one district: pay-grade costs, funding rates of the four Bausteine for this and the
 * next programme period, one case-management position per case manager (some part-time, some at
 * a welfare association), coordination, assistance and immigration-office posts, staff with
 * contracts (three in ten fixed-term, some ended and followed), vacancies in recruitment and a
 * few planned departures.
 */
export async function writeStaffingDistrict(
  context: DistrictContext,
  welfareOrganisationIds: string[],
): Promise<{ positions: number; contracts: number }> {
  const { exec, did, random, uuid } = context
  const by = sql`${context.adminId}::uuid`
  await exec(sql`INSERT INTO pay_grade_cost (district_id, pay_grade, annual_cost, valid_from, created_by)
    SELECT ${did}, grade, cost, '2024-01-01', ${by}
    FROM unnest(${payGrades.map(([grade]) => grade)}::text[], ${payGrades.map(([, cost]) => cost)}::numeric[]) AS p(grade, cost)`)
  await exec(sql`INSERT INTO funding_rate (district_id, baustein, kind, amount, valid_from, valid_until, programme, created_by)
    SELECT ${did}, b, k, CASE WHEN k = 'workplace-once' THEN 6000 WHEN b = 'administrative-assistance' THEN 52000 ELSE 70000 END,
      make_date(y, 1, 1), make_date(y + 1, 12, 31), 'KIM NRW', ${by}
    FROM unnest(ARRAY['coordination', 'administrative-assistance', 'case-management', 'immigration-office']) AS b,
      unnest(ARRAY['per-fte-year', 'workplace-once']) AS k,
      (VALUES (extract(year FROM current_date)::int - 1), (extract(year FROM current_date)::int + 1)) AS y(y)`)

  type Position = {
    id: string
    baustein: string
    title: string
    fte: number
    employer: string
    organisation: string | null
    municipality: string | null
    grade: string
    holder: string | null
    vacant: boolean
  }
  const positions: Position[] = []
  const add = (baustein: string, title: string, fte: number, grade: string, holder: string | null) => {
    const atWelfare =
      baustein === 'case-management' && welfareOrganisationIds.length > 0 && random.chance(0.2)
    const atMunicipality = !atWelfare && baustein === 'case-management' && random.chance(0.1)
    positions.push({
      id: uuid(),
      baustein,
      title,
      fte,
      employer: atWelfare ? 'welfare-association' : atMunicipality ? 'municipality' : 'district',
      organisation: atWelfare ? random.pick(welfareOrganisationIds) : null,
      municipality: atMunicipality ? random.pick(context.municipalityIds) : null,
      grade,
      holder,
      vacant: holder === null && random.chance(0.6),
    })
  }
  add('coordination', 'Koordination KIM', 1, 'EG 12', null)
  add('administrative-assistance', 'Verwaltungsassistenz', random.chance(0.5) ? 0.5 : 1, 'EG 8', null)
  for (let index = 0; index < 1 + Math.floor(context.caseManagerIds.length / 40); index++)
    add('immigration-office', `Ausländerbehörde KIM ${index + 1}`, 1, 'EG 9c', null)
  for (const [index, user] of context.caseManagerIds.entries())
    add('case-management', `Case Management ${index + 1}`, random.chance(0.25) ? 0.5 : 1, 'EG 10', user)
  // One in twelve case-management posts is vacant.
  for (let index = 0; index < Math.ceil(context.caseManagerIds.length / 12); index++)
    add('case-management', `Case Management (offen) ${index + 1}`, 1, 'EG 10', null)
  await exec(sql`INSERT INTO staff_position (id, district_id, baustein, title, fte, employer_kind, employer_organisation_id,
      municipality_id, pay_grade, funding_programme, funded_from, funded_until, workplace_set_up_on, in_recruitment, created_by)
    SELECT id, ${did}, baustein, title, fte, employer, organisation, municipality, grade, 'KIM NRW',
      make_date(extract(year FROM current_date)::int - 1, 1, 1), make_date(extract(year FROM current_date)::int + 2, 12, 31),
      CASE WHEN NOT vacant THEN make_date(extract(year FROM current_date)::int - 1, 3, 1) END, vacant, ${by}
    FROM unnest(${positions.map((p) => p.id)}::uuid[], ${positions.map((p) => p.baustein)}::text[], ${positions.map((p) => p.title)}::text[],
      ${positions.map((p) => p.fte)}::numeric[], ${positions.map((p) => p.employer)}::text[], ${positions.map((p) => p.organisation)}::uuid[],
      ${positions.map((p) => p.municipality)}::uuid[], ${positions.map((p) => p.grade)}::text[], ${positions.map((p) => p.vacant)}::boolean[])
      AS p(id, baustein, title, fte, employer, organisation, municipality, grade, vacant)`)

  // Staff: the case managers with their sign-in, the other post holders without.
  const filled = positions.filter((position) => !position.vacant)
  const members = filled.map((position, index) => ({
    id: uuid(),
    user: position.holder,
    family: `Mitarbeitende ${index + 1}`,
    given: position.holder ? 'Fallmanagement' : 'Team',
  }))
  await exec(sql`INSERT INTO staff_member (id, district_id, family_name, given_names, user_id)
    SELECT id, ${did}, family, given, usr FROM unnest(${members.map((m) => m.id)}::uuid[], ${members.map((m) => m.family)}::text[],
      ${members.map((m) => m.given)}::text[], ${members.map((m) => m.user)}::uuid[]) AS m(id, family, given, usr)`)
  type Contract = {
    id: string
    position: string
    member: string
    fte: number
    start: number
    end: number | null
    reason: string
  }
  const contracts: Contract[] = []
  filled.forEach((position, index) => {
    const member = members[index]?.id as string
    const start = -random.below(900) - 30
    const fixed = random.chance(0.3)
    // One in ten holders came after an earlier contract on the post ended.
    if (random.chance(0.1))
      contracts.push({
        id: uuid(),
        position: position.id,
        member: (members[(index + 1) % members.length] as { id: string }).id,
        fte: position.fte,
        start: start - 400,
        end: start - 1,
        reason: 'Befristet für die Förderperiode',
      })
    contracts.push({
      id: uuid(),
      position: position.id,
      member,
      fte: position.fte,
      start,
      end: fixed ? 60 + random.below(600) : null,
      reason: fixed ? 'Befristet für die Förderperiode' : '',
    })
  })
  await exec(sql`INSERT INTO staff_contract (id, district_id, position_id, staff_member_id, fte, starts_on, ends_on, fixed_term_reason, created_by)
    SELECT id, ${did}, position, member, fte, current_date + start, current_date + finish, reason, ${by}
    FROM unnest(${contracts.map((c) => c.id)}::uuid[], ${contracts.map((c) => c.position)}::uuid[], ${contracts.map((c) => c.member)}::uuid[],
      ${contracts.map((c) => c.fte)}::numeric[], ${contracts.map((c) => c.start)}::int[], ${contracts.map((c) => c.end)}::int[],
      ${contracts.map((c) => c.reason)}::text[]) AS c(id, position, member, fte, start, finish, reason)`)
  // A few holders have announced that they leave.
  await exec(sql`INSERT INTO planned_departure (district_id, contract_id, leaves_on, note, created_by)
    SELECT ${did}, c.id, current_date + 30 + abs(hashtext(c.id::text)) % 120, 'Wechsel angekündigt', ${by}
    FROM staff_contract c
    WHERE c.district_id = ${did} AND (c.ends_on IS NULL OR c.ends_on > current_date + 200) AND abs(hashtext(c.id::text || 'd')) % 30 = 0`)
  return { positions: positions.length, contracts: contracts.length }
}
