import pg from 'pg'

/** The URL of another database on the same PostgreSQL server as `base`. */
export function databaseUrl(base: string, name: string): string {
  const url = new URL(base)
  url.pathname = `/${name}`
  return url.toString()
}

/** One statement on its own connection (CREATE or DROP DATABASE cannot run in a pool's transaction). */
export async function adminQuery(base: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: base })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}
