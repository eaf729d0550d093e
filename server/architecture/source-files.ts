import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { tableOwners } from './table-ownership.ts'

/** The server's own root, whatever directory the tests run from. */
export const serverRoot = path.resolve(import.meta.dirname, '..')

/** Every TypeScript file under server/, as paths relative to server/ with forward slashes. */
export function serverSourceFiles(): string[] {
  const files: string[] = []
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(full)
    }
  }
  walk(serverRoot)
  return files.map((file) => path.relative(serverRoot, file).split(path.sep).join('/')).sort()
}

/**
 * The code of a file without its comments, so a comment that mentions a query or a table is no
 * finding. Strings and templates are kept: that is where table names and SQL live. Line numbers
 * stay where they were.
 */
export function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\/|(^|[^:'"`\\])\/\/[^\n]*/g, (match, before: string | undefined) =>
    match.startsWith('/*') ? match.replace(/[^\n]/g, ' ') : `${before ?? ''}`,
  )
}

export function readServerFile(relative: string): string {
  return readFileSync(path.join(serverRoot, relative), 'utf8')
}

/** 1-based line of an offset, for findings a reader can jump to. */
const lineOf = (source: string, offset: number) => source.slice(0, offset).split('\n').length

/** Kysely's query builders and raw SQL: what "building a query" looks like in this code base. */
const queryBuilding = [
  /\.\s*(selectFrom|selectNoFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\s*\(/g,
  /\bsql\s*(<[^>]*>)?\s*`/g,
  /\bsql\s*\.\s*(raw|ref|table|id|lit|join|val)\s*\(/g,
  /\bCompiledQuery\s*\.\s*raw\s*\(/g,
  /\.\s*(executeQuery|query)\s*\(\s*['"`]\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/gi,
]

export function queriesBuiltIn(source: string): { line: number; text: string }[] {
  const code = withoutComments(source)
  const found: { line: number; text: string }[] = []
  for (const pattern of queryBuilding) {
    for (const match of code.matchAll(pattern)) {
      found.push({ line: lineOf(code, match.index ?? 0), text: match[0].trim() })
    }
  }
  return found.sort((a, b) => a.line - b.line)
}

export const allTables = Object.values(tableOwners).flat() as string[]

/** The tables a piece of code names: as Kysely arguments ('task', 'task.id', 'task as t') or in raw SQL. */
export function tablesNamedIn(source: string): { table: string; line: number }[] {
  const code = withoutComments(source)
  const found: { table: string; line: number }[] = []
  for (const table of allTables) {
    const patterns = [
      new RegExp(`['"\`]${table}(?=['"\`.]|\\s+as\\s)`, 'g'),
      new RegExp(`\\b(?:from|join|into|update|table)\\s+${table}\\b(?!\\s*\\()`, 'gi'),
    ]
    for (const pattern of patterns) {
      for (const match of code.matchAll(pattern)) found.push({ table, line: lineOf(code, match.index ?? 0) })
    }
  }
  return found.sort((a, b) => a.line - b.line)
}
