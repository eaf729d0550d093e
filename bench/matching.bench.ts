import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { duplicateThreshold, scoreMatch } from '../server/modules/casework/matching/index.ts'
import {
  bestThreshold,
  fuseScore,
  fuseThreshold,
  type HandWrittenPair,
  handWrittenClasses,
  loadHandWrittenPairs,
  matcherFinds,
  type PairScorer,
} from '../server/testdata/names/index.ts'
import { type BenchmarkResult, machineDescription, summarize } from './harness.ts'

const repetitions = 30

type Figures = { found: number; same: number; falseMatches: number; different: number }

function figures(pairs: readonly HandWrittenPair[], finds: (pair: HandWrittenPair) => boolean): Figures {
  const result = { found: 0, same: 0, falseMatches: 0, different: 0 }
  for (const pair of pairs) {
    const found = finds(pair)
    if (pair.same) {
      result.same++
      if (found) result.found++
    } else {
      result.different++
      if (found) result.falseMatches++
    }
  }
  return result
}

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} % (${part}/${whole})`
const figuresText = (result: Figures) =>
  `recall ${percent(result.found, result.same)}, false matches ${percent(result.falseMatches, result.different)}`

/** The lowest cut-off at which a scorer calls at most `rate` of the different-person pairs the same. */
function strictThreshold(pairs: readonly HandWrittenPair[], scorer: PairScorer, rate: number): number {
  const negatives = pairs
    .filter((pair) => !pair.same)
    .map((pair) => scorer(pair.query, pair.candidate))
    .sort((a, b) => b - a)
  const allowed = Math.floor(rate * negatives.length)
  // Just above the highest negative score that would be one too many.
  return (negatives[allowed] ?? 0) + 1e-9
}

const byScore = (scorer: PairScorer, threshold: number) => (pair: HandWrittenPair) =>
  scorer(pair.query, pair.candidate) >= threshold

/**
 * Duplicate matching on the hand-written pairs (server/testdata/names/pairs): the matcher against
 * Fuse.js on the same pairs, recall and false matches of each on the dev and the held-out part
 * (aggregates only: the held-out pairs are never looked at one by one), and the time to judge all
 * pairs once.
 */
export async function runMatchingBenchmark(): Promise<BenchmarkResult> {
  const started = performance.now()
  const measuredAt = new Date()
  const dev = loadHandWrittenPairs('dev')
  const heldOut = loadHandWrittenPairs('held-out')
  const fresh = loadHandWrittenPairs('fresh')
  const fuseTuned = bestThreshold(dev, fuseScore).threshold
  const fuseStrict = strictThreshold(dev, fuseScore, 0.03)
  const notes: string[] = []
  for (const [label, pairs] of [
    ['dev', dev],
    ['held-out', heldOut],
    ['fresh (written after the rules were frozen)', fresh],
  ] as const) {
    const matcher = figures(pairs, (pair) => matcherFinds(pair.query, pair.candidate))
    const scoreOnly = figures(
      pairs,
      byScore((q, c) => scoreMatch(q, c).score, duplicateThreshold),
    )
    const fuseDefault = figures(pairs, byScore(fuseScore, fuseThreshold))
    const fuseBest = figures(pairs, byScore(fuseScore, fuseTuned))
    const fuseFew = figures(pairs, byScore(fuseScore, fuseStrict))
    notes.push(
      `**${label}** (${pairs.length} pairs): matcher (shares a key and scores ≥ ${duplicateThreshold}) ${figuresText(matcher)}; ` +
        `score alone ${figuresText(scoreOnly)}; Fuse.js at ${fuseThreshold} ${figuresText(fuseDefault)}; ` +
        `Fuse.js at its best-F1 cut-off on dev (${fuseTuned.toFixed(3)}) ${figuresText(fuseBest)}; ` +
        `Fuse.js at the lowest cut-off with at most 3 % false matches on dev (${fuseStrict.toFixed(3)}) ${figuresText(fuseFew)}.`,
    )
    console.log(`matching: ${notes.at(-1)}`)
  }
  for (const klass of handWrittenClasses) {
    const pairs = heldOut.filter((pair) => pair.class === klass)
    const matcher = figures(pairs, (pair) => matcherFinds(pair.query, pair.candidate))
    notes.push(
      `Held-out class \`${klass}\`: ${pairs.length} pairs, matcher ` +
        (matcher.same > 0 ? `recall ${percent(matcher.found, matcher.same)}` : '') +
        (matcher.same > 0 && matcher.different > 0 ? ', ' : '') +
        (matcher.different > 0 ? `false matches ${percent(matcher.falseMatches, matcher.different)}` : '') +
        '.',
    )
  }

  const all = [...dev, ...heldOut, ...fresh]
  const matcherTimes: number[] = []
  const fuseTimes: number[] = []
  for (let round = 0; round < repetitions + 2; round++) {
    const t0 = performance.now()
    for (const pair of all) matcherFinds(pair.query, pair.candidate)
    const t1 = performance.now()
    for (const pair of all) fuseScore(pair.query, pair.candidate)
    const t2 = performance.now()
    if (round < 2) continue
    matcherTimes.push(t1 - t0)
    fuseTimes.push(t2 - t1)
  }
  notes.push(
    'How the pairs were made, and where each class comes from: `server/testdata/names/README.md`. The held-out ' +
      'pairs were written and committed before any rule was changed for these classes; while the rules were ' +
      'developed on the dev pairs, the held-out part was run for its aggregate figures only (several times), never ' +
      'read pair by pair. The matcher needs a shared match key (the database finds candidates through the keys) and ' +
      'a score at the duplicate threshold; Fuse.js compares "given family" strings, birth dates equal on both sides.',
    `Load average when this section started: ${os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' / ')}.`,
  )
  return {
    name: 'matching',
    title: 'Duplicate matching on hand-written name pairs, matcher against Fuse.js',
    description:
      `Machine: ${machineDescription()}. No database: the matcher's keys and score against Fuse.js (${'`fuseScore`'}) ` +
      `on the ${dev.length} dev, ${heldOut.length} held-out and ${fresh.length} fresh pairs of ` +
      'server/testdata/names/pairs, each judged once per ' +
      `repetition, ${repetitions} repetitions after 2 warm-up rounds.`,
    baselineLabel: 'Fuse.js',
    rows: [
      {
        label: `judge all ${all.length} pairs: matcher (keys + score) vs. Fuse.js`,
        unit: 'ms',
        value: summarize(matcherTimes),
        baseline: summarize(fuseTimes),
      },
    ],
    notes,
    measuredAt,
    durationMs: performance.now() - started,
  }
}
