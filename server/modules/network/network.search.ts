/** Text search of the network's lists: every word must appear somewhere, case and accents aside. */

/** Lower case without diacritics, so that "muller" finds "Müller" and "Koln" finds "Köln". */
export const foldText = (value: string) =>
  value.normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss').toLowerCase()

export const searchWords = (query: string) => foldText(query).split(/\s+/).filter(Boolean)

/** Whether every word occurs in one of the texts. */
export function matchesWords(words: readonly string[], texts: readonly string[]): boolean {
  if (words.length === 0) return true
  const folded = texts.map(foldText)
  return words.every((word) => folded.some((text) => text.includes(word)))
}
