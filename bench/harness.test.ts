import { describe, expect, it } from 'vitest'
import {
  type BenchmarkResult,
  formatRatio,
  markdownTable,
  measure,
  percentile,
  readSections,
  renderResults,
  summarize,
} from './harness.ts'

describe('percentile and summarize', () => {
  it('takes the middle value of an odd count and the mean of the two middle values of an even count', () => {
    expect(summarize([5, 1, 3]).median).toBe(3)
    expect(summarize([4, 1, 3, 2]).median).toBe(2.5)
  })

  it('interpolates p95 linearly between ranks', () => {
    // rank = 0.95 × (4 − 1) = 2.85 → 3 + 0.85 × (4 − 3)
    expect(summarize([1, 2, 3, 4]).p95).toBeCloseTo(3.85, 10)
    const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1)
    expect(summarize(oneToHundred).p95).toBeCloseTo(95.05, 10)
    expect(summarize(oneToHundred).median).toBe(50.5)
  })

  it('does not depend on the input order and leaves the input alone', () => {
    const samples = [9, 2, 7, 4, 5, 6, 3, 8, 1, 10]
    const copy = [...samples]
    const stats = summarize(samples)
    expect(samples).toEqual(copy)
    expect(stats).toMatchObject({ n: 10, median: 5.5, min: 1, max: 10, mean: 5.5 })
    // rank = 0.95 × 9 = 8.55 → 9 + 0.55 × (10 − 9)
    expect(stats.p95).toBeCloseTo(9.55, 10)
  })

  it('handles a single sample and the extremes', () => {
    expect(summarize([42])).toMatchObject({ n: 1, median: 42, p95: 42, min: 42, max: 42 })
    expect(percentile([1, 2, 3], 0)).toBe(1)
    expect(percentile([1, 2, 3], 100)).toBe(3)
  })

  it('refuses empty input, non-finite samples and percentiles outside 0…100', () => {
    expect(() => summarize([])).toThrow(RangeError)
    expect(() => summarize([1, Number.NaN])).toThrow(RangeError)
    expect(() => percentile([1], 101)).toThrow(RangeError)
    expect(() => percentile([1], -1)).toThrow(RangeError)
  })
})

describe('measure', () => {
  it('discards warm-up runs, times only run, and always tears down', async () => {
    const calls: string[] = []
    let next = 0
    const stats = await measure<number>({
      warmup: 2,
      runs: 3,
      setup: () => {
        calls.push('setup')
        return next++
      },
      run: async (index) => {
        calls.push(`run ${index}`)
      },
      teardown: (index) => {
        calls.push(`teardown ${index}`)
      },
    })
    expect(stats.n).toBe(3)
    expect(calls.filter((call) => call.startsWith('run'))).toEqual([
      'run 0',
      'run 1',
      'run 2',
      'run 3',
      'run 4',
    ])
    expect(calls.filter((call) => call.startsWith('teardown'))).toHaveLength(5)
  })

  it('tears down when run throws', async () => {
    let tornDown = false
    await expect(
      measure({
        warmup: 0,
        runs: 1,
        run: async () => {
          throw new Error('boom')
        },
        teardown: () => {
          tornDown = true
        },
      }),
    ).rejects.toThrow('boom')
    expect(tornDown).toBe(true)
  })
})

describe('results file', () => {
  const result = (name: string, median: number): BenchmarkResult => ({
    name,
    title: `Title ${name}`,
    description: 'What it measures.',
    baselineLabel: 'baseline',
    rows: [{ label: 'time', unit: 'ms', value: summarize([median]), baseline: summarize([median / 4]) }],
    measuredAt: new Date('2026-01-02T03:04:00Z'),
    durationMs: 1000,
  })
  const environment = { date: new Date('2026-01-02T03:04:00Z'), database: 'PGlite', command: 'bench' }

  it('writes the ratio of the medians and keeps sections of benchmarks not run this time', () => {
    expect(formatRatio(200, 50)).toBe('4.00×')
    const first = renderResults([result('a', 200), result('b', 10)], environment, ['a', 'b'])
    const squeeze = (text: string | undefined) => (text ?? '').replace(/ +/g, ' ')
    expect(squeeze(first)).toContain('| time (ms) | 1 | 200 | 200 | 50.0 | 50.0 | 4.00× |')
    const second = renderResults([result('b', 20)], environment, ['a', 'b'], readSections(first))
    expect(readSections(second).get('a')).toBe(readSections(first).get('a'))
    expect(squeeze(readSections(second).get('b'))).toContain(
      '| time (ms) | 1 | 20.0 | 20.0 | 5.00 | 5.00 | 4.00× |',
    )
    expect(second).toContain('kept from an earlier run (not part of this one): `a`')
  })

  it('pads table columns, left for text and right for numbers', () => {
    expect(
      markdownTable(
        ['Name', 'n'],
        [
          ['a', '10'],
          ['long name', '5'],
        ],
        [false, true],
      ),
    ).toBe(
      ['| Name      |   n |', '| --------- | --: |', '| a         |  10 |', '| long name |   5 |'].join('\n'),
    )
  })
})
