import { type Bounds, narrowedRange, type Relation } from './suppression.ts'

/**
 * Suppression over everything a reader can combine: the cells about to be published, the cells
 * published earlier (fixed: a table already given to the committee cannot be taken back), and
 * hidden cells that are never published but that a reader may want to work out, such as the
 * difference of two overlapping periods. Every published cell is written as the sum of hidden
 * atoms (the pieces between all period boundaries), so any difference of two published cells is
 * a sum of atoms the attacker reasons about; relations of the suppression module tie them.
 *
 * - `candidate`: about to be published; withheld below its threshold, and withheld as a
 *   protector when needed.
 * - `published` / `withheld`: published earlier; fixed. A withheld one below its threshold must
 *   stay hidden.
 * - `hidden`: never published (an atom or an auxiliary sum); `protect` when a reader must not
 *   pin it (a difference of 1 up to threshold − 1).
 */
export type SystemCell =
  | { state: 'candidate' | 'published' | 'withheld'; value: number; threshold: number }
  | { state: 'hidden'; value: number; threshold: number; protect: boolean }

const mustStayHidden = (cell: SystemCell) =>
  cell.state === 'hidden' ? cell.protect : cell.state !== 'published' && cell.value < cell.threshold

/** The first protected cell a reader can pin to one value or prove small, or undefined. */
function firstExposed(
  cells: readonly SystemCell[],
  relations: readonly Relation[],
  withheld: readonly boolean[],
  ignored: ReadonlySet<number> = new Set(),
): number | undefined {
  const start: Bounds = {
    lo: cells.map((cell, index) => (withheld[index] ? 0 : cell.value)),
    hi: cells.map((cell, index) => (withheld[index] ? Number.POSITIVE_INFINITY : cell.value)),
  }
  for (let index = 0; index < cells.length; index += 1) {
    const cell = cells[index] as SystemCell
    if (!withheld[index] || !mustStayHidden(cell) || ignored.has(index)) continue
    const [lo, hi] = narrowedRange(start, relations, index)
    if (lo >= hi || hi < cell.threshold) return index
  }
  return undefined
}

/**
 * The candidate to withhold next: the smallest published candidate among the cells nearest to the
 * pinned one through the relations (breadth first), so protection stays local.
 */
function protectorFor(
  cells: readonly SystemCell[],
  relations: readonly Relation[],
  withheld: readonly boolean[],
  pinned: number,
): number | undefined {
  const open = (index: number) => cells[index]?.state === 'candidate' && !withheld[index]
  const seen = new Set([pinned])
  let frontier = [pinned]
  while (frontier.length > 0) {
    const next: number[] = []
    for (const index of frontier) {
      for (const relation of relations) {
        const members = [relation.sum, ...relation.parts]
        if (!members.includes(index)) continue
        for (const member of members) {
          if (seen.has(member)) continue
          seen.add(member)
          next.push(member)
        }
      }
    }
    const choice = next
      .filter(open)
      .sort((a, b) => (cells[a] as SystemCell).value - (cells[b] as SystemCell).value || a - b)[0]
    if (choice !== undefined) return choice
    frontier = next
  }
  return undefined
}

/**
 * Which candidates to withhold. Deterministic. Should no candidate be left that could protect an
 * exposed cell, every candidate is withheld: nothing new is published rather than a small cell.
 */
export function suppressSystem(cells: readonly SystemCell[], relations: readonly Relation[]): boolean[] {
  // Cells linked by no chain of relations cannot be combined: each group is protected alone,
  // which keeps every run small (one metric's cells do not meet another's).
  const parent = cells.map((_cell, index) => index)
  const find = (index: number): number => {
    let root = index
    while (parent[root] !== root) root = parent[root] as number
    parent[index] = root
    return root
  }
  for (const relation of relations) {
    for (const part of relation.parts) parent[find(part)] = find(relation.sum)
  }
  const groups = new Map<number, number[]>()
  cells.forEach((_cell, index) => {
    const root = find(index)
    groups.set(root, [...(groups.get(root) ?? []), index])
  })
  const relationsOf = new Map<number, Relation[]>()
  for (const relation of relations) {
    const root = find(relation.sum)
    relationsOf.set(root, [...(relationsOf.get(root) ?? []), relation])
  }
  const result = cells.map(() => false)
  for (const [root, members] of groups) {
    const local = new Map(members.map((member, index) => [member, index]))
    const localRelations = (relationsOf.get(root) ?? []).map((relation) => ({
      sum: local.get(relation.sum) as number,
      parts: relation.parts.map((part) => local.get(part) as number),
    }))
    const withheld = suppressGroup(
      members.map((member) => cells[member] as SystemCell),
      localRelations,
    )
    members.forEach((member, index) => {
      result[member] = withheld[index] as boolean
    })
  }
  return result
}

function suppressGroup(cells: readonly SystemCell[], relations: readonly Relation[]): boolean[] {
  const withheld = cells.map(
    (cell) =>
      cell.state === 'hidden' ||
      cell.state === 'withheld' ||
      (cell.state === 'candidate' && cell.value < cell.threshold),
  )
  // What earlier publications already gave away, no candidate can take back: it does not stop the new one.
  const ignored = new Set<number>()
  const allWithheld = cells.map((cell, index) => withheld[index] || cell.state === 'candidate')
  for (let leak = firstExposed(cells, relations, allWithheld); leak !== undefined; ) {
    ignored.add(leak)
    leak = firstExposed(cells, relations, allWithheld, ignored)
  }
  for (let round = 0; round <= cells.length; round += 1) {
    const pinned = firstExposed(cells, relations, withheld, ignored)
    if (pinned === undefined) return withheld
    const next = protectorFor(cells, relations, withheld, pinned)
    if (next === undefined) break
    withheld[next] = true
  }
  if (firstExposed(cells, relations, withheld, ignored) === undefined) return withheld
  return cells.map((cell, index) => withheld[index] || cell.state === 'candidate')
}
