/** A small HTTP client for the stress suites: sign-in, CSRF, JSON. */

export const stressDemoPassword = 'Lotse-Stress-Passwort-2026'
/** The case manager of the demo data (server/modules/identity/identity.seed.ts). */
export const caseManager = 'fallmanagement'

export type Session = { base: string; cookie: string; csrfToken: string }

export type Answer = { status: number; body: unknown; headers: Headers }

/** Signs in over HTTP; answers the status and, on 200, the session. `address` sets X-Forwarded-For. */
export async function login(
  base: string,
  username: string,
  password: string,
  address?: string,
): Promise<{ status: number; session?: Session }> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(address ? { 'x-forwarded-for': address } : {}) },
    body: JSON.stringify({ username, password }),
  })
  const text = await response.text()
  if (response.status !== 200) return { status: response.status }
  const { csrfToken } = JSON.parse(text) as { csrfToken: string }
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('lotse_session='))
  if (!cookie) throw new Error('login set no lotse_session cookie')
  return { status: 200, session: { base, cookie, csrfToken } }
}

export async function signIn(base: string, username = caseManager): Promise<Session> {
  const { status, session } = await login(base, username, stressDemoPassword)
  if (!session) throw new Error(`sign-in of ${username} answered ${status}`)
  return session
}

/** The same session against another node (a load balancer would do the same). */
export const onNode = (session: Session, base: string): Session => ({ ...session, base })

export async function call(
  session: Session,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${session.base}/api${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch {}
  return { status: response.status, body: parsed, headers: response.headers }
}

export async function callOk<T>(session: Session, method: string, path: string, body?: unknown): Promise<T> {
  const answer = await call(session, method, path, body)
  if (answer.status < 200 || answer.status > 299)
    throw new Error(
      `${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`,
    )
  return answer.body as T
}

/** The first open case the session may work on. */
export async function firstCaseId(session: Session): Promise<string> {
  const page = await callOk<{ items: { id: string }[] }>(session, 'GET', '/cases?pageSize=5')
  const first = page.items[0]
  if (!first) throw new Error('the case manager sees no case')
  return first.id
}

/** A counselling contact body; `marker` goes into the note so a row can be told apart. */
export const contactBody = (marker: string) => ({
  occurredAt: new Date(Date.now() - 60_000).toISOString(),
  durationMinutes: 15,
  channel: 'phone',
  language: 'de',
  domains: ['language'],
  note: `stress ${marker}`,
})
