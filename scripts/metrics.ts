// Writes docs/metrics.md from the metric catalogue, so the documented definitions are the implemented ones.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { renderMetricsMarkdown } from '../server/modules/reporting/index.ts'

const target = path.resolve(import.meta.dirname, '../docs/metrics.md')
writeFileSync(target, renderMetricsMarkdown())
console.log(`wrote ${target}`)
