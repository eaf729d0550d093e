import { performance } from 'node:perf_hooks'
import type {
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely'

export type QueryTimes = Map<string, { ms: number; count: number }>

/** A short name of a statement: its kind and table, or the start of a raw statement (never its values). */
function labelOf(node: RootOperationNode): string {
  const table = (item: OperationNode | undefined): string => {
    const named = item as { table?: { identifier?: { name?: string } }; identifier?: { name?: string } }
    return named?.table?.identifier?.name ?? named?.identifier?.name ?? '?'
  }
  switch (node.kind) {
    case 'SelectQueryNode':
      return `select ${table(node.from?.froms[0])}`
    case 'InsertQueryNode':
      return `insert ${table(node.into)}`
    case 'UpdateQueryNode':
      return `update ${table(node.table)}`
    case 'DeleteQueryNode':
      return `delete ${table(node.from.froms[0])}`
    case 'RawNode':
      return node.sqlFragments.join('?').replace(/\s+/g, ' ').trim().slice(0, 70)
    default:
      return node.kind
  }
}

/**
 * Times every statement from its compilation to its result, summed per statement kind and table:
 * where the database time of a bench goes, without a server extension (pg_stat_statements is not
 * loaded on the bench machine, and PGlite has none).
 */
export class QueryProfile implements KyselyPlugin {
  readonly times: QueryTimes = new Map()
  readonly #started = new WeakMap<object, { at: number; label: string }>()

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.#started.set(args.queryId, { at: performance.now(), label: labelOf(args.node) })
    return args.node
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const started = this.#started.get(args.queryId)
    if (started) {
      const entry = this.times.get(started.label) ?? { ms: 0, count: 0 }
      entry.ms += performance.now() - started.at
      entry.count += 1
      this.times.set(started.label, entry)
    }
    return args.result
  }

  /** The statements that took longest, longest first. */
  top(limit: number): string[] {
    return [...this.times.entries()]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, limit)
      .map(([label, { ms, count }]) => `${(ms / 1000).toFixed(2)} s  ${count}×  ${label}`)
  }

  reset(): void {
    this.times.clear()
  }
}
