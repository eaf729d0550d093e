import type { LineChange } from '../../../../common/concept.ts'

/**
 * The paragraphs of two texts as a sequence of kept, removed and added lines (the longest common
 * subsequence, as `diff -u` does). A section is a few dozen paragraphs, so the quadratic table is
 * small; no library of the project offers this, and it is not worth a dependency.
 */
export function lineDiff(before: string, after: string): LineChange[] {
  const a = linesOf(before)
  const b = linesOf(after)
  // common[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const common = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = common[i] as number[]
      row[j] =
        a[i] === b[j]
          ? ((common[i + 1] as number[])[j + 1] as number) + 1
          : Math.max((common[i + 1] as number[])[j] as number, row[j + 1] as number)
    }
  }
  const changes: LineChange[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      changes.push({ op: 'same', text: a[i] as string })
      i++
      j++
    } else if (((common[i + 1] as number[])[j] as number) >= ((common[i] as number[])[j + 1] as number)) {
      changes.push({ op: 'removed', text: a[i++] as string })
    } else {
      changes.push({ op: 'added', text: b[j++] as string })
    }
  }
  while (i < a.length) changes.push({ op: 'removed', text: a[i++] as string })
  while (j < b.length) changes.push({ op: 'added', text: b[j++] as string })
  return changes
}

/** Lines without trailing blanks; empty lines between paragraphs do not count as changes. */
const linesOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line !== '')
