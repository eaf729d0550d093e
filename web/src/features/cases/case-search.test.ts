import { describe, expect, it } from 'vitest'
import { parseCaseListSearch, parseCaseSearch } from './case-search.ts'

const id = '0b7c2f4e-8d1a-4c3b-9e5f-6a7b8c9d0e1f'

describe('the case list address', () => {
  it('keeps every value the API would take', () => {
    expect(
      parseCaseListSearch({
        phase: 'implementation',
        municipalityId: id,
        managerId: id,
        teamId: id,
        domain: 'housing',
        overdueTasks: 'true',
        residenceExpiringWithinDays: '90',
        q: 'Yılmaz',
        sort: 'name',
        direction: 'asc',
        page: 3,
      }),
    ).toEqual({
      phase: 'implementation',
      municipalityId: id,
      managerId: id,
      teamId: id,
      domain: 'housing',
      overdueTasks: true,
      residenceExpiringWithinDays: 90,
      q: 'Yılmaz',
      sort: 'name',
      direction: 'asc',
      page: 3,
    })
  })

  it('drops each unreadable value on its own and keeps the readable ones', () => {
    // As a mistyped, truncated or outdated link carries them (the router has parsed JSON already).
    const search = parseCaseListSearch({
      sort: 'unbekannt',
      direction: 'seitwaerts',
      page: 'abc',
      municipalityId: 'keine-id',
      teamId: 1,
      domain: 'kochen',
      overdueTasks: 'vielleicht',
      residenceExpiringWithinDays: -5,
      q: { a: 1 },
      phase: 'implementation',
    })
    expect(search).toEqual({
      phase: 'implementation',
      municipalityId: undefined,
      managerId: undefined,
      teamId: undefined,
      domain: undefined,
      overdueTasks: undefined,
      residenceExpiringWithinDays: undefined,
      q: undefined,
      sort: undefined,
      direction: undefined,
      page: undefined,
    })
    // Every key is there, so the router's merge with the raw search cannot keep a bad value.
    expect(Object.keys(search).sort()).toEqual(
      [
        'direction',
        'domain',
        'managerId',
        'municipalityId',
        'overdueTasks',
        'page',
        'phase',
        'q',
        'residenceExpiringWithinDays',
        'sort',
        'teamId',
      ].sort(),
    )
  })

  it("holds to the API's limits: days from 1 to 730, a search word of at most 200 characters", () => {
    expect(parseCaseListSearch({ residenceExpiringWithinDays: 730 }).residenceExpiringWithinDays).toBe(730)
    expect(
      parseCaseListSearch({ residenceExpiringWithinDays: 731 }).residenceExpiringWithinDays,
    ).toBeUndefined()
    expect(
      parseCaseListSearch({ residenceExpiringWithinDays: 2.5 }).residenceExpiringWithinDays,
    ).toBeUndefined()
    expect(parseCaseListSearch({ q: 'x'.repeat(250) }).q).toHaveLength(200)
    expect(parseCaseListSearch({ q: '   ' }).q).toBeUndefined()
    // `?q=2024` arrives as a number: still a search word.
    expect(parseCaseListSearch({ q: 2024 }).q).toBe('2024')
    expect(parseCaseListSearch({ page: 0 }).page).toBeUndefined()
    expect(parseCaseListSearch({ overdueTasks: true }).overdueTasks).toBe(true)
    expect(parseCaseListSearch({ phase: 'all' }).phase).toBe('all')
  })

  it('opens a known tab of a case and forgets an unknown one', () => {
    expect(parseCaseSearch({ tab: 'plan' })).toEqual({ tab: 'plan' })
    expect(parseCaseSearch({ tab: 'kaffee' })).toEqual({ tab: undefined })
  })
})
