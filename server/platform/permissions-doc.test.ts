import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderPermissionsMarkdown } from './permissions-doc.ts'
import { can, permissionTable } from './policy.ts'

describe('permissions documentation', () => {
  it('matches the policy module (run npm run docs:permissions after changing a rule)', () => {
    const committed = readFileSync(path.resolve(import.meta.dirname, '../../docs/permissions.md'), 'utf8')
    expect(committed).toBe(renderPermissionsMarkdown())
  })

  it("shows what each role may do with realistic records: team leads read their team's cases", () => {
    const row = (action: string) => permissionTable().find((each) => each.action === action)?.roles
    const allowed = (action: string, role: 'team_lead' | 'case_manager' | 'admin') =>
      Object.fromEntries((row(action)?.[role] ?? []).map(({ label, verdict }) => [label, verdict]))
    expect(allowed('case.read', 'team_lead')).toEqual({ own: 'yes', team: 'yes', 'other team': 'no' })
    expect(allowed('case.read', 'case_manager')).toEqual({
      own: 'yes',
      team: 'team-setting',
      'other team': 'no',
    })
    expect(allowed('case.read', 'admin')).toEqual({ own: 'no', team: 'no', 'other team': 'no' })
    expect(allowed('case.assign', 'team_lead')).toMatchObject({ team: 'yes', 'other team': 'no' })
    expect(allowed('person.update', 'case_manager')).toEqual({
      own: 'yes',
      registered: 'yes',
      team: 'no',
      'other team': 'no',
    })
  })

  it('denies an action that has no rule', () => {
    const actor = {
      userId: 'u',
      districtId: 'd',
      organisationId: null,
      roles: ['admin' as const],
      teamIds: [],
    }
    expect(can(actor, 'no.such.action' as never, { type: 'district', districtId: 'd' })).toBe(false)
  })
})
