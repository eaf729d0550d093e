import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { problemSchema } from '../../../common/problem.ts'

const isLoopback = (host: string) => /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host)

/** `__Host-` binds the cookie to this exact origin; browsers only take it over HTTPS. */
export const sessionCookieName = (request: FastifyRequest) =>
  request.protocol === 'https' ? '__Host-lotse_session' : 'lotse_session'

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  maxAgeSeconds: number,
) {
  reply.setCookie(sessionCookieName(request), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    // Browsers accept Secure cookies on http://localhost, so development keeps the flag too.
    secure: request.protocol === 'https' || isLoopback(request.host),
    maxAge: maxAgeSeconds,
  })
}

export const userIdParams = z.object({ userId: z.uuid() })
export const tags = ['Identity']
export const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  428: problemSchema,
  429: problemSchema,
}
