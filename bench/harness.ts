import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { performance } from 'node:perf_hooks'

/** Summary of repeated measurements. Percentiles interpolate linearly between ranks (R-7, NumPy's default). */
export type Stats = {
  n: number
  median: number
  p95: number
  min: number
  max: number
  mean: number
}

/** The p-th percentile (0…100) of values sorted ascending, interpolating linearly between ranks. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of an empty list')
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile ${p} is outside 0…100`)
  const rank = (p / 100) * (sorted.length - 1)
  const lower = Math.floor(rank)
  const upper = Math.ceil(rank)
  const low = sorted[lower] as number
  const high = sorted[upper] as number
  return low + (high - low) * (rank - lower)
}

export function summarize(samples: readonly number[]): Stats {
  if (samples.length === 0) throw new RangeError('no samples to summarize')
  for (const value of samples) {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite sample: ${value}`)
  }
  const sorted = [...samples].sort((a, b) => a - b)
  return {
    n: sorted.length,
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
  }
}

export type MeasureOptions<T> = {
  /** Iterations run first and thrown away (JIT, file cache, tsx transform cache). */
  warmup: number
  /** Measured iterations. */
  runs: number
  /** Prepares one iteration, untimed; its result is handed to run and teardown. */
  setup?: () => Promise<T> | T
  /** The timed part of an iteration. */
  run: (context: T) => Promise<void>
  /** Cleans up one iteration, untimed; called even when run throws. */
  teardown?: (context: T) => Promise<void> | void
  /** Called after each measured iteration, e.g. for progress output. */
  onSample?: (milliseconds: number, index: number) => void
}

/** Runs `run` warmup + runs times and summarizes the wall-clock milliseconds of the measured runs. */
export async function measure<T = undefined>(options: MeasureOptions<T>): Promise<Stats> {
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new RangeError('runs must be at least 1')
  const samples: number[] = []
  for (let iteration = 0; iteration < options.warmup + options.runs; iteration++) {
    const context = (options.setup ? await options.setup() : undefined) as T
    let elapsed: number
    try {
      const started = performance.now()
      await options.run(context)
      elapsed = performance.now() - started
    } finally {
      await options.teardown?.(context)
    }
    if (iteration >= options.warmup) {
      samples.push(elapsed)
      options.onSample?.(elapsed, samples.length - 1)
    }
  }
  return summarize(samples)
}

/** One line of a result table: the measured value and the baseline from the same run. */
export type ResultRow = {
  label: string
  unit: string
  value: Stats
  baseline: Stats
  /** For requests/s higher is better; for times lower is better. Only changes the hint. */
  higherIsBetter?: boolean
}

export type BenchmarkResult = {
  /** Short id, also the name to pass to bench/run.ts. */
  name: string
  title: string
  /** What was measured and how, in a few sentences of Markdown. */
  description: string
  /** What the baseline column is. */
  baselineLabel: string
  rows: ResultRow[]
  notes?: string[]
  measuredAt: Date
  durationMs: number
}

export type RunEnvironment = {
  date: Date
  database: string
  command: string
  /** os.loadavg() when the run began: other work on the machine skews absolute figures. */
  loadAverage?: number[]
}

export function machineDescription(): string {
  const cpus = os.cpus()
  const model = cpus[0]?.model.trim() || 'unknown CPU'
  const memory = os.totalmem() / 1024 ** 3
  return `${model}, ${cpus.length} logical CPU(s), ${memory.toFixed(1)} GiB RAM, ${os.type()} ${os.release()} (${os.arch()})`
}

function formatDate(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

/** Rounds to about three significant digits, keeping integers of four and more digits whole. */
export function formatNumber(value: number): string {
  const magnitude = Math.abs(value)
  if (magnitude >= 100) return Math.round(value).toLocaleString('en-US')
  if (magnitude >= 10) return value.toFixed(1)
  return value.toFixed(2)
}

export function formatRatio(value: number, baseline: number): string {
  if (baseline === 0) return 'n/a'
  return `${(value / baseline).toFixed(2)}×`
}

/**
 * A Markdown table with padded columns, laid out exactly as Biome formats Markdown, so that a fresh
 * RESULTS.md passes `biome check` unchanged.
 */
export function markdownTable(header: string[], rows: string[][], rightAligned: boolean[]): string {
  const widths = header.map((cell, column) =>
    Math.max(3, cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  )
  const pad = (cell: string, column: number) => {
    const width = widths[column] as number
    return rightAligned[column] ? cell.padStart(width) : cell.padEnd(width)
  }
  const line = (cells: string[]) => `| ${cells.map(pad).join(' | ')} |`
  const separator = widths.map((width, column) =>
    rightAligned[column] ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width),
  )
  return [line(header), `| ${separator.join(' | ')} |`, ...rows.map(line)].join('\n')
}

export function renderTable(result: BenchmarkResult): string {
  const header = [
    'Metric',
    'n',
    'median',
    'p95',
    `${result.baselineLabel} median`,
    `${result.baselineLabel} p95`,
    'ratio (medians)',
  ]
  const rows = result.rows.map((row) => [
    `${row.label} (${row.unit}${row.higherIsBetter ? ', higher is better' : ''})`,
    String(row.value.n),
    formatNumber(row.value.median),
    formatNumber(row.value.p95),
    formatNumber(row.baseline.median),
    formatNumber(row.baseline.p95),
    formatRatio(row.value.median, row.baseline.median),
  ])
  return markdownTable(header, rows, [false, true, true, true, true, true, true])
}

export function renderSection(result: BenchmarkResult): string {
  const parts = [
    `## ${result.title} (\`${result.name}\`)`,
    `Measured ${formatDate(result.measuredAt)} in ${(result.durationMs / 1000).toFixed(0)} s.`,
    result.description,
    renderTable(result),
  ]
  if (result.notes && result.notes.length > 0) parts.push(result.notes.map((note) => `- ${note}`).join('\n'))
  return `<!-- bench:${result.name} -->\n${parts.join('\n\n')}\n<!-- /bench:${result.name} -->`
}

const sectionPattern = /<!-- bench:([\w-]+) -->\n[\s\S]*?<!-- \/bench:\1 -->/g

/** Sections of an existing RESULTS.md by benchmark name, so a partial run keeps the others. */
export function readSections(markdown: string): Map<string, string> {
  const sections = new Map<string, string>()
  for (const match of markdown.matchAll(sectionPattern)) sections.set(match[1] as string, match[0])
  return sections
}

export function renderResults(
  results: BenchmarkResult[],
  environment: RunEnvironment,
  order: string[],
  previous: Map<string, string> = new Map(),
): string {
  const fresh = new Map(results.map((result) => [result.name, renderSection(result)]))
  const kept = order.filter((name) => !fresh.has(name) && previous.has(name))
  const sections = order.flatMap((name) => fresh.get(name) ?? previous.get(name) ?? [])
  const header = [
    '# Benchmark results',
    '',
    'Written by `node --import tsx bench/run.ts` (`npm run bench`); do not edit by hand.',
    '',
    `- Date: ${formatDate(environment.date)}`,
    `- Machine: ${machineDescription()}`,
    `- Node.js: ${process.version}`,
    `- Database: ${environment.database}`,
    `- Command: \`${environment.command}\``,
    ...(environment.loadAverage
      ? [
          `- Load average at start (1/5/15 min): ${environment.loadAverage.map((v) => v.toFixed(2)).join(' / ')}`,
        ]
      : []),
    '',
    'Each figure is the median and the 95th percentile (linear interpolation) over n repetitions. ' +
      'The baseline is measured in the same run on the same machine, so the ratio ' +
      '(Lotse median ÷ baseline median) survives a noisy machine better than the absolute figures.',
  ]
  if (kept.length > 0) {
    header.push(
      '',
      `Sections kept from an earlier run (not part of this one): ${kept.map((name) => `\`${name}\``).join(', ')}.`,
    )
  }
  return `${header.join('\n')}\n\n${sections.join('\n\n')}\n`
}

/** Rewrites the results file: this run's sections replace theirs, other benchmarks' sections stay. */
export function writeResults(
  file: string,
  results: BenchmarkResult[],
  environment: RunEnvironment,
  order: string[],
): void {
  const before = existsSync(file) ? readFileSync(file, 'utf8') : ''
  const previous = readSections(before)
  // The stress suites (stress/run.ts --write) keep their figures at the end; a bench run leaves them.
  const stress = /\n<!-- stress -->[\s\S]*<!-- \/stress -->\n?$/.exec(before)?.[0] ?? ''
  writeFileSync(file, renderResults(results, environment, order, previous) + stress)
}
