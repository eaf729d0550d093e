import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { beforeAll } from 'vitest'
import { seedDemo } from '../db/seed/demo.ts'
import type { DatabaseTemplate, TestDatabase } from './database.ts'

export const testPassword = 'correct horse battery staple'

export type TestSession = {
  username: string
  cookie: string
  csrfToken: string
  userId: string
  districtId: string
  /** Sends a request as this user, with the session cookie and, for writes, the CSRF token. */
  request(options: InjectOptions): Promise<LightMyRequestResponse>
}

export async function loginAs(
  app: FastifyInstance,
  username: string,
  password = testPassword,
  remoteAddress = '127.0.0.1',
): Promise<TestSession> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress,
  })
  if (response.statusCode !== 200)
    throw new Error(`login of ${username} failed: ${response.statusCode} ${response.body}`)
  const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join('; ')
  const body = response.json()
  return {
    username,
    cookie,
    csrfToken: body.csrfToken,
    userId: body.user.id,
    districtId: body.user.districtId,
    request(options) {
      return app.inject({
        ...options,
        remoteAddress,
        headers: { cookie, 'x-csrf-token': body.csrfToken, ...(options.headers ?? {}) },
      } as InjectOptions)
    },
  }
}

/**
 * Demo districts and users; the demo case work (300 persons) only where a test asks for it.
 * Called next to `useTestApp`/`useTestDatabase` (before their database opens), the database
 * starts as a copy of the run's seeded template (global-setup.ts) instead of being seeded here.
 */
export function useDemoData(
  ctx: { readonly database: TestDatabase; startFrom?(template: DatabaseTemplate): boolean },
  options: { caseWork?: boolean } = {},
): void {
  const caseWork = options.caseWork ?? false
  const copied = ctx.startFrom?.(caseWork ? 'demo-casework' : 'demo') ?? false
  beforeAll(async () => {
    if (!copied) await seedDemo(ctx.database, { password: testPassword, caseWork })
  })
}
