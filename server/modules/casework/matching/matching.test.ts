import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  bestThreshold,
  buildLabelledSet,
  evaluateMatcher,
  fuseScore,
  fuseThreshold,
  type HandWrittenPair,
  handWrittenClasses,
  type LabelledPair,
  type LabelledSetPair,
  loadHandWrittenPairs,
  matcherFinds,
  pairCategories,
  sharesMatchKey,
} from '../../../testdata/names/index.ts'
import { compareBirthDates } from './birth-date.ts'
import { matchKeys } from './keys.ts'
import { foldName, nameField } from './normalise.ts'
import { phoneticCodes } from './phonetic.ts'
import {
  duplicateThreshold,
  type MatchCandidate,
  type MatchQuery,
  matchReasons,
  mayReachScore,
  scoreMatch,
} from './score.ts'

const person = (
  familyName: string,
  givenNames: string,
  birthDate: string | null = '1988-03-14',
): MatchQuery => ({
  familyName,
  givenNames,
  birthDate,
})

const score = (a: MatchQuery, b: MatchCandidate) => scoreMatch(a, b).score

/** Every spelling against every other: they share a key and score as a likely duplicate. */
function expectOnePerson(spellings: readonly string[], as: 'family' | 'given') {
  for (const a of spellings) {
    for (const b of spellings) {
      if (a === b) continue
      const left = as === 'family' ? person(a, 'Karim') : person('Rahimi', a)
      const right = as === 'family' ? person(b, 'Karim') : person('Rahimi', b)
      expect(sharesMatchKey(left, right), `${a} / ${b} share a key`).toBe(true)
      expect(score(left, right), `${a} / ${b}`).toBeGreaterThanOrEqual(duplicateThreshold)
    }
  }
}

describe('normalising names', () => {
  it('strips diacritics, expands ß and transliterates Cyrillic', () => {
    expect(foldName('Ševčenko')).toBe('sevcenko')
    expect(foldName('Şahin')).toBe('sahin')
    expect(foldName('Öztürk')).toBe('ozturk')
    expect(foldName('Straße')).toBe('strasse')
    expect(foldName('Олександр Шевченко')).toBe('oleksandr shevchenko')
    expect(foldName('İbrahim')).toBe('ibrahim')
  })

  it('treats hyphens, spaces and apostrophes alike', () => {
    expect(foldName("Ma'mun")).toBe(foldName('Maʾmūn'))
    expect(foldName('Al-Hassan')).toBe(foldName('Al Hassan'))
  })

  it('drops separate articles and reads joined ones both ways', () => {
    expect(nameField('Al-Hassan', 'family').tokens.map((token) => token.text)).toEqual(['hassan'])
    expect(nameField('Ash-Shami', 'family').tokens.map((token) => token.text)).toEqual(['shami'])
    expect(nameField('Alhassan', 'family').tokens[0]).toEqual({ text: 'alhassan', alternatives: ['hassan'] })
    expect(nameField('Alina', 'given').tokens[0]?.alternatives).toEqual([])
  })

  it('joins ʿAbd compounds however they are written', () => {
    const forms = [
      'Abdulrahman',
      'Abdul Rahman',
      'Abd al-Rahman',
      'Abdurrahman',
      'Abdel Rahman',
      'Abd ar-Rahman',
    ]
    for (const form of forms)
      expect(nameField(form, 'given').tokens.map((token) => token.text)).toEqual(['abdrahman'])
  })
})

describe('variant families of the issue', () => {
  it('finds Mohammed in all its spellings', () =>
    expectOnePerson(['Mohammed', 'Muhammad', 'Mohamad', 'Mohamed', 'Muhammed', 'Mohammad'], 'given'))
  it('finds Oleksandr as Alexander', () =>
    expectOnePerson(['Oleksandr', 'Alexander', 'Aleksandr', 'Olexandr', 'Олександр'], 'given'))
  it('finds Shevchenko in English, German, Czech and stripped spellings', () =>
    expectOnePerson(
      ['Shevchenko', 'Schewtschenko', 'Ševčenko', 'Sevcenko', 'Shevtchenko', 'Шевченко'],
      'family',
    ))
  it('finds Yusuf as Jussuf, Youssef and Yousef', () =>
    expectOnePerson(['Yusuf', 'Jussuf', 'Youssef', 'Yousef', 'Jusuf'], 'given'))
  it('finds Hussein as Husain, Hussain and Husseyn', () =>
    expectOnePerson(['Hussein', 'Husain', 'Hussain', 'Husseyn', 'Hüseyin'], 'given'))
  it('finds Ahmad as Ahmed', () => expectOnePerson(['Ahmad', 'Ahmed', 'Ahmet'], 'given'))
  it('finds Abdulrahman written apart or with the article', () =>
    expectOnePerson(['Abdulrahman', 'Abdul Rahman', 'Abd al-Rahman', 'Abdurrahman'], 'given'))
  it('finds Tkachenko as Tkatschenko and Zhukov as Schukow', () => {
    expectOnePerson(['Tkachenko', 'Tkatschenko'], 'family')
    expectOnePerson(['Zhukov', 'Schukow', 'Žukov'], 'family')
  })
  it('reads kh, ch and h alike (Kharkiv, Charkiw; Khalid, Chalid, Halit)', () => {
    expect(phoneticCodes('kharkiv').some((code) => phoneticCodes('charkiw').includes(code))).toBe(true)
    expectOnePerson(['Khalid', 'Chalid', 'Halit', 'Xalid'], 'given')
  })
  it('reads j, y, dsch, dzh and zh alike where they are one sound', () => {
    expectOnePerson(['Jamal', 'Dschamal', 'Djamal', 'Dzhamal', 'Cemal'], 'given')
    expectOnePerson(['Yulia', 'Julia', 'Iuliia', 'Yuliya'], 'given')
    expectOnePerson(['Zhanna', 'Schanna', 'Žanna'], 'given')
  })
  it('finds Şahin as Sahin and Öztürk as Oeztuerk or Ozturk', () => {
    expectOnePerson(['Şahin', 'Sahin'], 'given')
    expectOnePerson(['Öztürk', 'Oeztuerk', 'Ozturk'], 'family')
  })
  it('finds Al-Hassan as Alhassan, El Hassan and Hassan, with the reason', () => {
    expectOnePerson(['Al-Hassan', 'Alhassan', 'El Hassan', 'Hassan'], 'family')
    expect(scoreMatch(person('Al-Hassan', 'Omar'), person('Hassan', 'Omar')).reasons).toContain(
      'article-variant',
    )
  })
  it('finds swapped given and family names', () => {
    const result = scoreMatch(person('Shevchenko', 'Oleksandr'), person('Oleksandr', 'Schewtschenko'))
    expect(result.score).toBeGreaterThanOrEqual(duplicateThreshold)
    expect(result.reasons).toContain('given-names-swapped')
    expect(sharesMatchKey(person('Shevchenko', 'Oleksandr'), person('Oleksandr', 'Schewtschenko'))).toBe(true)
  })
  it('finds compound names joined or split', () => {
    for (const [a, b] of [
      ['Nur Mohammad', 'Nurmohammad'],
      ['Mohammad Reza', 'Mohammadreza'],
      ['Gebre Medhin', 'Gebremedhin'],
    ] as const) {
      const result = scoreMatch(person('Ahmadi', a), person('Ahmadi', b))
      expect(result.score, `${a} / ${b}`).toBeGreaterThanOrEqual(duplicateThreshold)
      expect(result.reasons).toContain('compound-name')
      expect(sharesMatchKey(person('Ahmadi', a), person('Ahmadi', b))).toBe(true)
    }
  })
  it('finds a name written in Cyrillic or Arabic script', () => {
    expect(score(person('Шевченко', 'Олександр'), person('Shevchenko', 'Oleksandr'))).toBeGreaterThanOrEqual(
      duplicateThreshold,
    )
    expect(score(person('الحسن', 'محمد'), person('Al-Hassan', 'Mohammed'))).toBeGreaterThanOrEqual(
      duplicateThreshold,
    )
  })
  it('finds a person through an earlier spelling stored with it', () => {
    const stored = { ...person('Shevchenko', 'Oleksandr'), otherSpellings: ['Alexandre Chevtchenko'] }
    const result = scoreMatch(person('Chevtchenko', 'Alexandre'), stored)
    expect(result.score).toBeGreaterThanOrEqual(duplicateThreshold)
    expect(sharesMatchKey(person('Chevtchenko', 'Alexandre'), stored)).toBe(true)
  })
})

describe('classes the generated pairs missed (issue 9)', () => {
  it('reads South Slavic đ and dž in their German and English renderings', () => {
    expectOnePerson(['Đurić', 'Djuric', 'Duric', 'Djuritsch'], 'family')
    expectOnePerson(['Džaferović', 'Dzaferovic', 'Dschaferowitsch', 'Jaferovic'], 'family')
    expectOnePerson(['Šehić', 'Sehic', 'Schehitsch', 'Shehich'], 'family')
  })
  it('reads Albanian xh, q and ç as the Serbian spellings of the same name', () => {
    expectOnePerson(['Xhelili', 'Dželili', 'Dzelili'], 'family')
    expectOnePerson(['Qosja', 'Ćosja', 'Cosja'], 'family')
    expectOnePerson(['Çitaku', 'Čitaku', 'Citaku'], 'family')
    expectOnePerson(['Bytyqi', 'Bytyci', 'Bitići'], 'family')
  })
  it('reads Somali x as ḥ and c as ʿayn', () => {
    expectOnePerson(['Maxamed', 'Mohamed'], 'given')
    expectOnePerson(['Cabdiraxmaan', 'Abdirahman', 'Abdulrahman'], 'given')
    expectOnePerson(['Xasan', 'Hassan'], 'family')
    expectOnePerson(['Cumar', 'Omar', 'Umar'], 'family')
  })
  it('finds the Russian form of a Ukrainian given name, in any romanisation', () => {
    expectOnePerson(['Mykola', 'Nikolai', 'Nikolaj', 'Nikolay', 'Микола'], 'given')
    expectOnePerson(['Olena', 'Elena', 'Jelena', 'Yelena'], 'given')
    expectOnePerson(['Pavlo', 'Pavel', 'Pawel'], 'given')
    expectOnePerson(['Hryhorii', 'Grigori', 'Grigorij', 'Hryhorij'], 'given')
  })
  it('finds a long given name with a consonant left out through a shared key', () =>
    expectOnePerson(['Chinwendu', 'Chinwedu'], 'given'))
  it('splits compounds written as one word at their first element', () => {
    expect(nameField('Mohammadreza', 'given').tokens.map((token) => token.text)).toEqual(['mohammad', 'reza'])
    expect(nameField('Mohammadi', 'family').tokens.map((token) => token.text)).toEqual(['mohammadi'])
    expect(scoreMatch(person('Ahmadi', 'Mohammad Reza'), person('Ahmadi', 'Mohammadreza')).reasons).toContain(
      'compound-name',
    )
  })
  it('keeps feminine forms, other compounds and other Somali vowel lengths apart', () => {
    for (const [a, b] of [
      ['Ivan', 'Ivanna'],
      ['Andrei', 'Andreea'],
      ['Milan', 'Milena'],
      ['Branko', 'Branka'],
      ['Maxamed', 'Maxamuud'],
      ['Mohammadhassan', 'Mohammadhossein'],
    ] as const) {
      expect(score(person('Kovač', a), person('Kovač', b)), `${a} / ${b}`).toBeLessThan(duplicateThreshold)
    }
  })
})

describe('birth dates', () => {
  it('tells exact, partial, placeholder, swapped and different dates apart', () => {
    expect(compareBirthDates('1988-03-14', '1988-03-14')).toEqual({ kind: 'exact', placeholder: false })
    expect(compareBirthDates('1988-03-14', '1988-03')).toEqual({ kind: 'partial' })
    expect(compareBirthDates('1988', '1988-03-14')).toEqual({ kind: 'partial' })
    expect(compareBirthDates('1988-01-01', '1988-03-14')).toEqual({ kind: 'placeholder' })
    expect(compareBirthDates('1988-01-01', '1988-03')).toEqual({ kind: 'placeholder' })
    expect(compareBirthDates('1988-03-04', '1988-04-03')).toEqual({ kind: 'day-month-swapped' })
    expect(compareBirthDates('1988-03-14', '1988-03-15')).toEqual({ kind: 'differs' })
    expect(compareBirthDates('1988', '1989-03-14')).toEqual({ kind: 'differs' })
    expect(compareBirthDates('1988-00-00', '1988-03-14')).toEqual({ kind: 'partial' })
    expect(compareBirthDates(null, '1988-03-14')).toEqual({ kind: 'missing' })
  })

  it('ranks exact above partial and placeholder, and a swapped day and month a little lower', () => {
    const stored = person('Shevchenko', 'Oleksandr', '1988-03-04')
    const exact = score(person('Shevchenko', 'Oleksandr', '1988-03-04'), stored)
    const partial = score(person('Shevchenko', 'Oleksandr', '1988'), stored)
    const placeholder = score(person('Shevchenko', 'Oleksandr', '1988-01-01'), stored)
    const swapped = score(person('Shevchenko', 'Oleksandr', '1988-04-03'), stored)
    expect(exact).toBeGreaterThan(partial)
    expect(partial).toBeGreaterThanOrEqual(placeholder)
    expect(exact).toBeGreaterThan(swapped)
    for (const value of [partial, placeholder, swapped])
      expect(value).toBeGreaterThanOrEqual(duplicateThreshold)
  })
})

describe('different people with common names', () => {
  it('keeps the same common name with another birth date below the threshold', () => {
    const result = scoreMatch(
      person('Al-Ahmad', 'Mohammed', '1990-05-02'),
      person('Alahmad', 'Muhammad', '1991-07-12'),
    )
    expect(result.score).toBeLessThan(duplicateThreshold)
    expect(result.reasons).toContain('birth-date-differs')
  })
  it('keeps a year-only date of another year below the threshold', () => {
    expect(
      score(person('Diallo', 'Mamadou', '1990-05-02'), person('Diallo', 'Mamadou', '1993')),
    ).toBeLessThan(duplicateThreshold)
  })
  it('keeps twins with different given names apart, also when the names sound alike', () => {
    for (const [a, b] of [
      ['Hassan', 'Hussein'],
      ['Mohammed', 'Mahmoud'],
      ['Ahmad', 'Hamid'],
      ['Oleksandr', 'Oleksandra'],
      ['Mamadou Saliou', 'Mamadou Aliou'],
    ] as const) {
      const result = scoreMatch(person('Al-Hassan', a), person('Al-Hassan', b))
      expect(result.score, `${a} / ${b}`).toBeLessThan(duplicateThreshold)
      expect(result.reasons).toContain('given-names-differ')
    }
  })
  it('keeps the same given name and birth date with another family name apart', () => {
    expect(score(person('Ahmadi', 'Naser'), person('Samadi', 'Naser'))).toBeLessThan(duplicateThreshold)
    expect(score(person('Winter', 'Uwe'), person('Walter', 'Uwe'))).toBeLessThan(duplicateThreshold)
  })
})

describe('match keys', () => {
  it('are short, sorted, deduplicated and free of birth dates', () => {
    const keys = matchKeys({
      familyName: 'Al-Hassan',
      givenNames: 'Abdul Rahman Mohammed',
      otherSpellings: ['Hasan'],
    })
    expect(keys.length).toBeGreaterThan(0)
    expect(keys).toEqual([...new Set(keys)].sort())
    for (const key of keys) {
      expect(key.length).toBeLessThanOrEqual(32)
      expect(key).not.toMatch(/\d/)
    }
  })
  it('pair a family name with a given name, so a common given name alone is no key', () => {
    const keys = matchKeys({ familyName: 'Ahmadi', givenNames: 'Mohammed' })
    expect(keys).toHaveLength(1)
    expect(keys[0]).toContain('.')
    expect(keys.some((key) => phoneticCodes('mohammed').includes(key))).toBe(false)
  })
})

const matcherScore = (query: MatchQuery, candidate: MatchCandidate) => scoreMatch(query, candidate).score
const summary = (label: string, pairs: readonly LabelledPair[]) => {
  const result = evaluateMatcher(pairs, matcherScore, duplicateThreshold)
  console.info(
    `${label}: ${pairs.length} pairs, precision ${result.precision.toFixed(3)}, recall ${result.recall.toFixed(3)} ` +
      `(TP ${result.truePositives}, FP ${result.falsePositives}, FN ${result.falseNegatives})`,
  )
  return result
}

describe('the hand-written pairs (server/testdata/names/pairs)', () => {
  const endToEnd = (pairs: readonly HandWrittenPair[]) => {
    const same = pairs.filter((pair) => pair.same)
    const different = pairs.filter((pair) => !pair.same)
    const found = (pair: HandWrittenPair) => matcherFinds(pair.query, pair.candidate)
    return {
      recall: same.filter(found).length / same.length,
      falseMatches: different.filter(found).length / different.length,
    }
  }

  // Only aggregate figures of the held-out pairs are printed: nothing tunes on single pairs.
  it('finds at least 98 % of the same persons at no more than 3 % false matches, held-out pairs included', () => {
    for (const split of ['dev', 'held-out'] as const) {
      const result = endToEnd(loadHandWrittenPairs(split))
      console.info(
        `hand-written ${split}: recall ${result.recall.toFixed(3)}, false matches ${result.falseMatches.toFixed(3)}`,
      )
      expect(result.recall, split).toBeGreaterThanOrEqual(0.98)
      expect(result.falseMatches, split).toBeLessThanOrEqual(0.03)
    }
  })

  it('have pairs of every class on both sides', () => {
    for (const split of ['dev', 'held-out'] as const) {
      const pairs = loadHandWrittenPairs(split)
      for (const klass of handWrittenClasses)
        expect(
          pairs.some((pair) => pair.class === klass),
          klass,
        ).toBe(true)
      expect(pairs.filter((pair) => !pair.same).length).toBeGreaterThanOrEqual(50)
    }
  })
})

describe('the labelled set', () => {
  const pairs = buildLabelledSet()
  const development = pairs.filter((pair) => pair.split === 'dev')
  const holdout = pairs.filter((pair) => pair.split === 'holdout')

  it('has hundreds of positive and negative pairs in every category and script', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(1000)
    expect(pairs.filter((pair) => pair.same).length).toBeGreaterThan(600)
    expect(pairs.filter((pair) => !pair.same).length).toBeGreaterThan(400)
    for (const category of pairCategories)
      expect(
        pairs.some((pair) => pair.category === category),
        category,
      ).toBe(true)
  })

  it('is the same for the same seed', () => {
    expect(buildLabelledSet().slice(0, 20)).toEqual(pairs.slice(0, 20))
  })

  // The batch matcher of an import skips the names of pairs the birth dates alone rule out; that
  // must never leave out a pair the full score would show. Pairs with other birth dates as well:
  // every query against every candidate of a slice of the set.
  it('skips by the birth dates only pairs that score below the threshold, and skips pairs there', () => {
    let skipped = 0
    const sample = pairs.slice(0, 120)
    for (const { query } of sample)
      for (const { candidate } of sample) {
        if (mayReachScore(query, candidate, duplicateThreshold)) continue
        skipped += 1
        expect(scoreMatch(query, candidate).score).toBeLessThan(duplicateThreshold)
      }
    expect(skipped).toBeGreaterThan(1000)
  })

  // Measured (precision / recall) with the rules of issue 9: dev 0.996 / 1.000, held-out 0.992 / 1.000,
  // unseen seeds 0.992–0.993 / 0.999–1.000 (before: 0.994–0.995 / 0.993–0.997).
  it('reaches precision and recall of at least 0.98 at the duplicate threshold, held-out pairs included', () => {
    for (const [label, subset] of [
      ['dev', development],
      ['held-out', holdout],
      ['unseen seed 4', buildLabelledSet(4)],
      ['unseen seed 5', buildLabelledSet(5)],
    ] as const) {
      const result = summary(`matcher, ${label}`, subset)
      expect(result.precision, label).toBeGreaterThanOrEqual(0.98)
      expect(result.recall, label).toBeGreaterThanOrEqual(0.98)
    }
  })

  // Known gap: Tigrinya ኸ is k in Eritrean spelling (Tekeste) but h or kh in BGN/PCGN and
  // compact spellings (Teheste, Tekheste); no key joins k and kh without flooding the keys.
  it('gives every positive pair a shared match key, except the known Tigrinya ኸ spellings', () => {
    const misses: LabelledSetPair[] = []
    for (const subset of [pairs, buildLabelledSet(4), buildLabelledSet(5)]) {
      misses.push(...subset.filter((pair) => pair.same && !sharesMatchKey(pair.query, pair.candidate)))
    }
    const positives = 3 * pairs.filter((pair) => pair.same).length
    console.info(`retrieval: ${misses.length} of about ${positives} positive pairs share no key`)
    for (const [label, subset] of [
      ['seed 9303', pairs],
      ['seed 4', buildLabelledSet(4)],
      ['seed 5', buildLabelledSet(5)],
    ] as const) {
      const same = subset.filter((pair) => pair.same)
      const found = same.filter((pair) => matcherFinds(pair.query, pair.candidate))
      console.info(
        `end-to-end recall (shares a key and scores above the threshold), ${label}: ${(found.length / same.length).toFixed(4)}`,
      )
      expect(found.length / same.length).toBeGreaterThanOrEqual(0.99)
    }
    const unexplained = misses.filter(
      (pair) => !(pair.script === 'tigrinya' && `${pair.source.given} ${pair.source.family}`.includes('kh')),
    )
    expect(
      unexplained.map(
        (pair) =>
          `${pair.query.givenNames} ${pair.query.familyName} / ${pair.candidate.givenNames} ${pair.candidate.familyName}`,
      ),
    ).toEqual([])
  })

  it('beats a fairly tuned Fuse.js baseline', () => {
    const matcher = summary('matcher, all', pairs)
    const fuseDefault = evaluateMatcher(pairs, fuseScore, fuseThreshold)
    const fuseBest = bestThreshold(development, fuseScore)
    const fuseTuned = evaluateMatcher(pairs, fuseScore, fuseBest.threshold)
    console.info(
      `Fuse.js, default threshold: precision ${fuseDefault.precision.toFixed(3)}, recall ${fuseDefault.recall.toFixed(3)}; ` +
        `best-F1 cut-off ${fuseBest.threshold.toFixed(3)} (tuned on dev): precision ${fuseTuned.precision.toFixed(3)}, ` +
        `recall ${fuseTuned.recall.toFixed(3)}`,
    )
    expect(matcher.f1).toBeGreaterThan(fuseTuned.f1)
    expect(matcher.f1).toBeGreaterThan(fuseDefault.f1)
  })

  it('explains every score with reason codes the UI knows', () => {
    for (const pair of pairs.slice(0, 200)) {
      for (const reason of scoreMatch(pair.query, pair.candidate).reasons)
        expect(matchReasons).toContain(reason)
    }
    // The UI shows a code without a label as the bare code (DuplicateCandidates.tsx), so every
    // code needs a label in both languages.
    for (const language of ['de', 'en']) {
      const file = new URL(`../../../../web/src/locales/${language}/casework.json`, import.meta.url)
      const labels = JSON.parse(readFileSync(file, 'utf8')).casework.matchReasons as Record<string, string>
      for (const reason of matchReasons) expect(labels[reason], `${language}: ${reason}`).toBeTruthy()
    }
  })
})
