import { describe, expect, it } from 'vitest'
import { startBanner } from './start-banner.ts'

const facts = {
  version: '1.2.3',
  url: 'http://localhost:8080',
  database: 'PGlite (/srv/lotse/data/pglite)',
  demo: { password: 'demo-abc', generated: true, usernames: ['admin', 'fallmanagement'] },
}

describe('start banner', () => {
  it('names the address, the database and the demo logins between two rules', () => {
    const lines = startBanner(facts, false).split('\n')
    expect(lines[1]).toMatch(/^─{72}$/)
    expect(lines[2]).toBe('Lotse 1.2.3 läuft / is running: http://localhost:8080')
    expect(lines).toContain('  admin, fallmanagement')
    expect(lines.join('\n')).toContain('demo-abc')
    expect(lines.at(-2)).toMatch(/^─{72}$/)
  })

  it('stands out on a terminal, with the address and password in bold', () => {
    const banner = startBanner(facts, true)
    expect(banner).toContain('\u001b[1m\u001b[32mhttp://localhost:8080\u001b[39m\u001b[22m')
    expect(banner).toContain('\u001b[1m\u001b[32mdemo-abc')
  })

  it('says nothing of demo logins without demo data', () => {
    const { demo: _demo, ...withoutDemo } = facts
    expect(startBanner(withoutDemo, false)).not.toContain('Demo')
  })
})
