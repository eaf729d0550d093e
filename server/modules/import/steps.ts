import { performance } from 'node:perf_hooks'

export type StepTimes = Map<string, { ms: number; count: number }>

let sink: StepTimes | null = null

/** Where the bench collects the time of each step of an import; nothing is measured unless it asks. */
export function measureImportSteps(into: StepTimes | null): void {
  sink = into
}

/** Runs one step of the import, adding its time to the bench's profile when one is collected. */
export async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (!sink) return work()
  const at = performance.now()
  try {
    return await work()
  } finally {
    const entry = sink.get(name) ?? { ms: 0, count: 0 }
    entry.ms += performance.now() - at
    entry.count += 1
    sink.set(name, entry)
  }
}
