import { soundOf, soundSimilarity, type TokenSound } from './phonetic.ts'

/**
 * Given names that are one name in two languages, not two spellings: the Ukrainian and the
 * Russian form of an Eastern Slavic name (Oleksandr and Aleksandr, Olena and Elena, Mykola and
 * Nikolai). People from Ukraine often carry both on their documents over the years: the Ukrainian
 * form in the passport since 1991, the Russian one in Soviet-era papers, in a Russian-language
 * registration, or because the person uses it.
 *
 * Sources: the Ukrainian forms are written in the national romanisation (Cabinet of Ministers of
 * Ukraine, resolution 55 of 27 January 2010, the passport standard), the Russian forms in ICAO
 * Doc 9303 part 3 transliteration (the Russian passport standard since 2013). The pairs follow the
 * correspondence of the civil-registry name lists, "Словник українських імен" (Farion and others;
 * the dictionary of Ukrainian names the registry offices use) and the equivalents listed in
 * Wikipedia's "List of Ukrainian given names"; only names that are common among people from
 * Ukraine in Germany are listed. Other spellings of either form (Aleksandr, Alexander,
 * Oleksandr, Olexandr; Nikolai, Nikolaj, Nikolay) are found through the phonetic similarity, so
 * one entry covers ICAO 9303, BGN/PCGN, German Duden and English press spellings alike. Names
 * romanised alike in both (Anatolii, Leonid, Mariia, Inna) need no entry.
 */
const ukrainianRussian: readonly (readonly [ukrainian: string, russian: string])[] = [
  // men
  ['oleksandr', 'aleksandr'],
  ['oleksii', 'aleksei'],
  ['mykola', 'nikolai'],
  ['andrii', 'andrei'],
  ['serhii', 'sergei'],
  ['yurii', 'iurii'],
  ['dmytro', 'dmitrii'],
  ['vasyl', 'vasilii'],
  ['mykhailo', 'mikhail'],
  ['hryhorii', 'grigorii'],
  ['yevhen', 'evgenii'],
  ['volodymyr', 'vladimir'],
  ['pavlo', 'pavel'],
  ['petro', 'petr'],
  ['bohdan', 'bogdan'],
  ['oleh', 'oleg'],
  ['kyrylo', 'kirill'],
  ['denys', 'denis'],
  ['maksym', 'maksim'],
  ['fedir', 'fedor'],
  ['yakiv', 'iakov'],
  ['heorhii', 'georgii'],
  ['ihor', 'igor'],
  ['illia', 'ilia'],
  ['hennadii', 'gennadii'],
  ['matvii', 'matvei'],
  ['tymofii', 'timofei'],
  ['borys', 'boris'],
  ['danylo', 'daniil'],
  ['yehor', 'egor'],
  ['rostyslav', 'rostislav'],
  ['kostiantyn', 'konstantin'],
  ['vladyslav', 'vladislav'],
  ['yosyp', 'iosif'],
  ['mykyta', 'nikita'],
  ['vadym', 'vadim'],
  ['yevhenii', 'evgenii'],
  ['hlib', 'gleb'],
  // women
  ['olena', 'elena'],
  ['oleksandra', 'aleksandra'],
  ['tetiana', 'tatiana'],
  ['nataliia', 'natalia'],
  ['kateryna', 'ekaterina'],
  ['halyna', 'galina'],
  ['hanna', 'anna'],
  ['olha', 'olga'],
  ['nadiia', 'nadezhda'],
  ['svitlana', 'svetlana'],
  ['khrystyna', 'kristina'],
  ['yelyzaveta', 'elizaveta'],
  ['valentyna', 'valentina'],
  ['iryna', 'irina'],
  ['larysa', 'larisa'],
  ['liudmyla', 'liudmila'],
  ['yuliia', 'iuliia'],
  ['yevheniia', 'evgeniia'],
  ['sofiia', 'sofia'],
  ['daryna', 'daria'],
  ['vira', 'vera'],
  ['yevdokiia', 'evdokiia'],
]

/** How close a token's sound must be to a listed form to count as a spelling of it. */
const spellingSimilarity = 0.88

type Entry = { form: string; sound: TokenSound; other: string }
const entriesByCode = new Map<string, Entry[]>()
let indexed = false

function index() {
  if (indexed) return
  indexed = true
  for (const [ukrainian, russian] of ukrainianRussian) {
    for (const [form, other] of [
      [ukrainian, russian],
      [russian, ukrainian],
    ] as const) {
      const sound = soundOf(form)
      for (const code of sound.codes) {
        const list = entriesByCode.get(code) ?? []
        list.push({ form, sound, other })
        entriesByCode.set(code, list)
      }
    }
  }
}

/**
 * The other-language forms of a folded given-name token, in whatever spelling it comes:
 * ['nikolai'] for 'mykola' or 'mikola', ['mykola'] for 'nikolaj' or 'nikolay'. Empty for names
 * not in the list.
 */
export function equivalentForms(token: string): string[] {
  index()
  const sound = soundOf(token)
  const out = new Set<string>()
  for (const code of sound.codes) {
    for (const entry of entriesByCode.get(code) ?? []) {
      if (out.has(entry.other) || entry.other === token) continue
      // Oleksandr is not Oleksandra: a feminine ending on one side only is another name.
      if (token.endsWith('a') !== entry.form.endsWith('a')) continue
      if (soundSimilarity(sound, entry.sound) >= spellingSimilarity) out.add(entry.other)
    }
  }
  return [...out]
}
