import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { loginRequestSchema, resetPasswordSchema, sessionSchema } from '../../../common/identity.ts'
import { problemSchema } from '../../../common/problem.ts'
import { requestContext } from '../../platform/access.ts'
import type { AppDeps } from '../../platform/deps.ts'
import { Unauthenticated } from '../../platform/errors.ts'
import { problems, sessionCookieName, setSessionCookie, tags } from './identity.http.ts'
import { resetPassword } from './password-reset.service.ts'
import { currentSession, type IdentityContext, login, logout } from './session.service.ts'

/** Sign-in, session, sign-out and password reset through a link. */
export const authRoutes =
  (deps: AppDeps, identity: IdentityContext): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.post(
      '/auth/login',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Sign in; sets the session cookie',
          body: loginRequestSchema,
          response: { 200: sessionSchema, ...problems },
        },
      },
      async (request, reply) => {
        const result = await login(identity, {
          ...request.body,
          clientAddress: request.ip,
          userAgent: request.headers['user-agent'] ?? '',
          requestId: request.id,
        })
        setSessionCookie(request, reply, result.token, deps.config.session.maxHours * 3600)
        return result.session
      },
    )
    app.get(
      '/auth/session',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: 'The signed-in user, abilities and CSRF token',
          response: { 200: sessionSchema, ...problems },
        },
      },
      async (request) => {
        if (!request.sessionTokenHash) throw new Unauthenticated()
        return currentSession(identity, request.sessionTokenHash)
      },
    )
    app.post(
      '/auth/logout',
      {
        config: { access: 'authenticated' },
        schema: { tags, summary: 'Sign out; ends this session', response: { 204: z.null(), ...problems } },
      },
      async (request, reply) => {
        if (request.sessionTokenHash)
          await logout(identity, request.sessionTokenHash, requestContext(request))
        reply.clearCookie(sessionCookieName(request), { path: '/' })
        return reply.code(204).send(null)
      },
    )
    app.post(
      '/auth/reset',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Set a new password with a reset link; signs nobody in and ends all sessions',
          body: resetPasswordSchema,
          response: { 204: z.null(), 410: problemSchema, ...problems },
        },
      },
      async (request, reply) => {
        await resetPassword(db, request.body, {
          requestId: request.id,
          clientPseudonym: request.clientPseudonym,
        })
        return reply.code(204).send(null)
      },
    )
  }
