import fc from 'fast-check'
import { requestArbitrary } from './arbitraries.ts'
import { describeFinding, type Finding, type FuzzTarget } from './harness.ts'

export type PassOptions = {
  runs: number
  seed: number
  /** fast-check's replay path: `"17"` replays the 18th input of the seed alone. */
  path?: string
  /** Stop at the first finding (CI); otherwise run all inputs and count. */
  stopOnFinding: boolean
  /** Stop after this long, keeping what ran (the long pass on a busy machine). */
  timeLimitMs?: number
  onProgress?: (done: number, findings: Finding[]) => void
}

export type PassResult = {
  runs: number
  seed: number
  durationMs: number
  findings: Finding[]
  /** The finding the pass stopped at, with how to replay it; undefined when none. */
  failure: string | undefined
}

/** Options from the environment: LOTSE_FUZZ_SEED, LOTSE_FUZZ_PATH and LOTSE_FUZZ_RUNS. */
export function fuzzEnvironment(defaultRuns: number): {
  runs: number
  seed: number
  path: string | undefined
} {
  const seed = process.env.LOTSE_FUZZ_SEED ? Number(process.env.LOTSE_FUZZ_SEED) : Date.now() % 2 ** 31
  const runs = process.env.LOTSE_FUZZ_RUNS ? Number(process.env.LOTSE_FUZZ_RUNS) : defaultRuns
  return { runs, seed, path: process.env.LOTSE_FUZZ_PATH || undefined }
}

export const replayHint = (seed: number, index: number) =>
  `replay: LOTSE_FUZZ_SEED=${seed} LOTSE_FUZZ_PATH=${index} npm run fuzz   (or the same variables before npx vitest run server/test/fuzz)`

/** Runs generated requests against the target; fast-check picks them from the seed. */
export async function fuzzPass(target: FuzzTarget, options: PassOptions): Promise<PassResult> {
  const findings: Finding[] = []
  const started = performance.now()
  // With a path, fast-check replays that one input; its number is the first part of the path.
  let index = options.path ? Number(options.path.split(':')[0]) : 0
  let executed = 0
  let failure: string | undefined
  const property = fc.asyncProperty(requestArbitrary(target.operations, target.resolve), async (input) => {
    const finding = await target.run(input, index)
    index += 1
    executed += 1
    options.onProgress?.(executed, findings)
    if (!finding) return
    findings.push(finding)
    if (options.stopOnFinding) {
      failure = `${describeFinding(finding)}\n${replayHint(options.seed, finding.index)}`
      throw new Error(failure)
    }
  })
  try {
    await fc.assert(property, {
      // With a path, fast-check starts at that input; one run replays it alone.
      numRuns: options.path ? 1 : options.runs,
      seed: options.seed,
      ...(options.path ? { path: options.path } : {}),
      // The app's state moves with every input, so shrinking would chase a moving target; the
      // failing input is printed whole instead.
      endOnFailure: true,
      ...(options.timeLimitMs
        ? { interruptAfterTimeLimit: options.timeLimitMs, markInterruptAsFailure: false }
        : {}),
    })
  } catch (error) {
    if (!failure) throw error
  }
  return { runs: executed, seed: options.seed, durationMs: performance.now() - started, findings, failure }
}

/** Figures per route and in total, as a Markdown table. */
export function figuresTable(target: FuzzTarget): string {
  const rows = [...target.figures].sort(([a], [b]) => a.localeCompare(b))
  const total = { inputs: 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, broken: 0 }
  const lines = [
    '| route | inputs | 2xx | 3xx | 4xx | 5xx | broken |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const [route, figures] of rows) {
    const count = (cls: string) => figures.byClass[cls] ?? 0
    lines.push(
      `| ${route} | ${figures.inputs} | ${count('2xx')} | ${count('3xx')} | ${count('4xx')} | ${count('5xx')} | ${figures.broken} |`,
    )
    total.inputs += figures.inputs
    for (const cls of ['2xx', '3xx', '4xx', '5xx'] as const) total[cls] += count(cls)
    total.broken += figures.broken
  }
  lines.push(
    `| **all ${rows.length} routes** | ${total.inputs} | ${total['2xx']} | ${total['3xx']} | ${total['4xx']} | ${total['5xx']} | ${total.broken} |`,
  )
  return lines.join('\n')
}
