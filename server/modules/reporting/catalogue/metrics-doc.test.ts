import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { metricIds } from '../../../../common/reporting.ts'
import { metrics } from './catalogue.ts'
import { renderMetricsMarkdown } from './metrics-doc.ts'

describe('metric catalogue documentation', () => {
  it('matches the catalogue (run npm run docs:metrics after changing a metric)', () => {
    const committed = readFileSync(path.resolve(import.meta.dirname, '../../../../docs/metrics.md'), 'utf8')
    expect(committed).toBe(renderMetricsMarkdown())
  })

  it('lists every metric once, each with a written definition in German and English', () => {
    expect(metrics.map((metric) => metric.id).sort()).toEqual([...metricIds].sort())
    for (const metric of metrics) {
      expect(metric.definition.de.length).toBeGreaterThan(40)
      expect(metric.definition.en.length).toBeGreaterThan(40)
      // A goal's status is judged on one day (the period's last); every other metric goes over time.
      if (metric.id === 'goal-agreements' || metric.id === 'goal-indicators') {
        expect(metric.dimensions).toEqual(['goal-status'])
      } else {
        expect(metric.dimensions).toEqual(expect.arrayContaining(['day', 'week', 'month', 'quarter', 'year']))
      }
    }
  })
})
