import { describe, expect, it } from 'vitest'
import { readServerFile, serverSourceFiles, withoutComments } from './source-files.ts'

/**
 * A row lock or a transaction-scoped advisory lock ends with its statement when no transaction
 * holds it, and then guards nothing. So every query function that takes one must say in its
 * type that it runs inside a transaction: its database parameter is `Transaction<DB>`.
 */

const locking = /\.forUpdate\(\)|\.forShare\(\)|FOR UPDATE|FOR SHARE|pg_advisory_xact_lock/

/** Exported functions of a queries file that lock, with the type of their first parameter. */
function lockingFunctions(source: string): { name: string; firstParameter: string }[] {
  const code = withoutComments(source)
  const starts = [...code.matchAll(/export (?:async )?function (\w+)\s*(?:<[^>]*>)?\(\s*\w+\s*:\s*([^,)]+)/g)]
  return starts.flatMap((match, index) => {
    const end = starts[index + 1]?.index ?? code.length
    const body = code.slice(match.index, end)
    return locking.test(body)
      ? [{ name: match[1] as string, firstParameter: (match[2] as string).trim() }]
      : []
  })
}

describe('transactions in the types', () => {
  it('gives every query function that locks a Transaction<DB>, not a Kysely<DB>', () => {
    const findings = serverSourceFiles()
      .filter((file) => file.endsWith('.queries.ts'))
      .flatMap((file) =>
        lockingFunctions(readServerFile(file))
          .filter((fn) => fn.firstParameter !== 'Transaction<DB>')
          .map((fn) => `server/${file}: ${fn.name}(${fn.firstParameter})`),
      )
    expect(findings).toEqual([])
  })

  it('recognises a locking function and the type it takes', () => {
    const source = [
      'export async function lockA(db: Kysely<DB>, id: string) {',
      "  return db.selectFrom('t').forUpdate().execute()",
      '}',
      'export function readB(db: Kysely<DB>) {',
      "  return db.selectFrom('t').execute()",
      '}',
      'export async function lockC(trx: Transaction<DB>, key: string) {',
      "  await sql`SELECT pg_advisory_xact_lock(hashtext('k'))`.execute(trx)",
      '}',
    ].join('\n')
    expect(lockingFunctions(source)).toEqual([
      { name: 'lockA', firstParameter: 'Kysely<DB>' },
      { name: 'lockC', firstParameter: 'Transaction<DB>' },
    ])
  })
})
