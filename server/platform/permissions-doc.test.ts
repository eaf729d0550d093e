import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderPermissionsMarkdown } from './permissions-doc.ts'
import { can } from './policy.ts'

describe('permissions documentation', () => {
  it('matches the policy module (run npm run docs:permissions after changing a rule)', () => {
    const committed = readFileSync(path.resolve(import.meta.dirname, '../../docs/permissions.md'), 'utf8')
    expect(committed).toBe(renderPermissionsMarkdown())
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
