import { describe, expect, it } from 'vitest'
import { needLevelChart, needLevelsOf } from './need-level.ts'

const levelNames = ['none', 'low', 'medium', 'high'] as const

describe('needLevelChart', () => {
  it('is a pure function of its input: the same input gives an equal option', () => {
    const input = { dates: ['1', '2'], levels: [1, 2], levelNames }
    expect(JSON.stringify(needLevelChart(input))).toBe(JSON.stringify(needLevelChart(input)))
  })

  it('names the scale 0–3 with the texts it was given', () => {
    const option = needLevelChart({ dates: ['a'], levels: [0], levelNames })
    const yAxis = option.yAxis as {
      min: number
      max: number
      axisLabel: { formatter: (value: number) => string }
    }
    expect([yAxis.min, yAxis.max]).toEqual([0, 3])
    expect([0, 1, 2, 3].map((value) => yAxis.axisLabel.formatter(value))).toEqual([...levelNames])
  })

  it('leaves the title out unless one is given', () => {
    expect(needLevelChart({ dates: [], levels: [], levelNames }).title).toBeUndefined()
    expect(needLevelChart({ dates: [], levels: [], levelNames, title: 'Work' }).title).toMatchObject({
      text: 'Work',
    })
  })
})

describe('needLevelsOf', () => {
  it('takes each assessment’s level of the domain, null where the domain was not assessed', () => {
    const assessments = [
      { entries: [{ domain: 'language', needLevel: 3 }] },
      { entries: [{ domain: 'work', needLevel: 1 }] },
      { entries: [{ domain: 'language', needLevel: 0 }] },
    ]
    expect(needLevelsOf(assessments, 'language')).toEqual([3, null, 0])
  })
})
