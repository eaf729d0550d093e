import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely'

/**
 * Counts the statements that may change each table, so that a cache of rows read from a table can
 * tell whether anything wrote to it since (decision 0036). Sees every statement compiled through
 * the database's Kysely handles, the owner's included; raw SQL is read for the tables it writes,
 * and raw SQL that writes somewhere it cannot name counts as a write to every table.
 */
export class WriteWatch {
  private readonly counts = new Map<string, number>()
  private everything = 0

  /** A number that changes whenever one of the tables may have been written since. */
  generation(tables: readonly string[]): number {
    let sum = this.everything
    for (const table of tables) sum += this.counts.get(table) ?? 0
    return sum
  }

  wrote(table: string): void {
    this.counts.set(table, (this.counts.get(table) ?? 0) + 1)
  }

  wroteEverything(): void {
    this.everything++
  }

  plugin(): KyselyPlugin {
    // What each statement may write, to count it again once it ended: a reader that began while it
    // ran and stored what it read is then found out on its next use.
    const pending = new WeakMap<object, string[] | 'everything'>()
    return {
      transformQuery: (args: PluginTransformQueryArgs): RootOperationNode => {
        const written = writtenBy(args.node)
        if (written) {
          pending.set(args.queryId, written)
          this.note(written)
        }
        return args.node
      },
      transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => {
        const written = pending.get(args.queryId)
        if (written) this.note(written)
        return args.result
      },
    }
  }

  private note(written: string[] | 'everything'): void {
    if (written === 'everything') this.wroteEverything()
    else for (const table of written) this.wrote(table)
  }
}

/** The tables a statement may write; null for a plain read; 'everything' when it cannot tell. */
function writtenBy(node: RootOperationNode): string[] | 'everything' | null {
  switch (node.kind) {
    case 'SelectQueryNode':
      // A SELECT writes only through a data-modifying WITH (an insert, update or delete inside it).
      return containsWrite(node) ? tablesIn(node) : null
    case 'InsertQueryNode':
    case 'UpdateQueryNode':
    case 'DeleteQueryNode':
    case 'MergeQueryNode':
      return tablesIn(node)
    case 'RawNode': {
      const text = node.sqlFragments.join(' ? ')
      if (!writeVerb.test(text)) return null
      const named = [...text.matchAll(writtenTable)].map((match) => (match[1] ?? '').toLowerCase())
      const tables = [...named, ...tablesIn(node.parameters)]
      return tables.length > 0 ? tables : 'everything'
    }
    default:
      // Schema changes and anything else unusual: every cache starts over.
      return 'everything'
  }
}

const writeVerb =
  /\b(?:insert\s+into|update\s|delete\s+from|truncate|merge\s+into|copy\s|alter\s|drop\s|create\s|grant\s|revoke\s|vacuum|reindex|cluster)/i
const writtenTable =
  /\b(?:insert\s+into|update|delete\s+from|truncate(?:\s+table)?|merge\s+into|copy|alter\s+table|drop\s+table)\s+(?:only\s+)?(?:"?public"?\.)?"?([a-z_][a-z0-9_]*)"?/gi

function containsWrite(node: unknown): boolean {
  let found = false
  walk(node, (value) => {
    if (
      value.kind === 'InsertQueryNode' ||
      value.kind === 'UpdateQueryNode' ||
      value.kind === 'DeleteQueryNode' ||
      value.kind === 'MergeQueryNode' ||
      (value.kind === 'RawNode' && writeVerb.test((value.sqlFragments as string[]).join(' ? ')))
    )
      found = true
  })
  return found
}

/** Every table a statement names (the written one among them; the others only widen what is forgotten). */
function tablesIn(node: unknown): string[] {
  const names: string[] = []
  walk(node, (value) => {
    if (value.kind === 'TableNode') {
      const table = value.table as { identifier?: { name?: string } } | undefined
      if (table?.identifier?.name) names.push(table.identifier.name)
    }
  })
  return names
}

function walk(node: unknown, visit: (value: { kind: string } & Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit)
    return
  }
  if (node === null || typeof node !== 'object') return
  const value = node as { kind?: unknown } & Record<string, unknown>
  if (typeof value.kind === 'string') visit(value as { kind: string } & Record<string, unknown>)
  for (const child of Object.values(value)) walk(child, visit)
}
