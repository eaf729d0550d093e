import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  changePasswordSchema,
  createUserSchema,
  loginRequestSchema,
  organisationInputSchema,
  organisationSchema,
  ownSessionSchema,
  passwordConfirmationSchema,
  recoveryCodesSchema,
  resetLinkSchema,
  resetPasswordSchema,
  secondFactorCodeSchema,
  secondFactorEnrolmentSchema,
  secondFactorRolesSchema,
  secondFactorStatusSchema,
  sessionSchema,
  teamInputSchema,
  teamSchema,
  updateUserSchema,
  userSchema,
} from '../../../common/identity.ts'
import { pageOf, paginationQuerySchema } from '../../../common/pagination.ts'
import { problemSchema } from '../../../common/problem.ts'
import { actorOf, requestContext } from '../../platform/access.ts'
import type { AppDeps } from '../../platform/deps.ts'
import { Unauthenticated } from '../../platform/errors.ts'
import {
  createOrganisation,
  createTeam,
  listOrganisations,
  listTeams,
  renameTeam,
  updateOrganisation,
} from './organisation.service.ts'
import { issueResetLink, resetPassword } from './password-reset.service.ts'
import {
  confirmEnrolment,
  disableOwnSecondFactor,
  getSecondFactorRoles,
  resetUserSecondFactor,
  secondFactorStatus,
  setSecondFactorRoles,
  startEnrolment,
} from './second-factor.service.ts'
import {
  currentSession,
  endOwnSession,
  type IdentityContext,
  listOwnSessions,
  login,
  logout,
} from './session.service.ts'
import {
  changeOwnPassword,
  createUser,
  endUserSessions,
  getUser,
  listUsers,
  updateUser,
} from './user.service.ts'

const isLoopback = (host: string) => /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host)

/** `__Host-` binds the cookie to this exact origin; browsers only take it over HTTPS. */
export const sessionCookieName = (request: FastifyRequest) =>
  request.protocol === 'https' ? '__Host-lotse_session' : 'lotse_session'

function setSessionCookie(
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

/** The version named in If-Match (`"3"`, `W/"3"` or `3`); undefined when absent or malformed. */
const ifMatchVersion = (request: FastifyRequest): number | undefined => {
  const header = request.headers['if-match']
  const match = typeof header === 'string' ? /^(?:W\/)?"?(\d+)"?$/.exec(header.trim()) : null
  return match ? Number(match[1]) : undefined
}

const userIdParams = z.object({ userId: z.uuid() })
const tags = ['Identity']
const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  428: problemSchema,
  429: problemSchema,
}

export const identityRoutes =
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

    app.get(
      '/account/sessions',
      {
        config: { access: 'session.own' },
        schema: {
          tags,
          summary: 'My open sessions',
          response: { 200: z.array(ownSessionSchema), ...problems },
        },
      },
      (request) => listOwnSessions(identity, actorOf(request), request.sessionTokenHash ?? ''),
    )

    app.delete(
      '/account/sessions/:sessionId',
      {
        config: { access: 'session.own' },
        schema: {
          tags,
          summary: 'End one of my sessions',
          params: z.object({ sessionId: z.string().regex(/^[0-9a-f]{16}$/) }),
          response: { 204: z.null(), ...problems },
        },
      },
      async (request, reply) => {
        await endOwnSession(identity, actorOf(request), request.params.sessionId)
        return reply.code(204).send(null)
      },
    )

    app.post(
      '/account/password',
      {
        config: { access: 'session.own' },
        schema: {
          tags,
          summary: 'Change my password; ends my other sessions',
          body: changePasswordSchema,
          response: { 204: z.null(), ...problems },
        },
      },
      async (request, reply) => {
        await changeOwnPassword(
          db,
          actorOf(request),
          request.body,
          request.sessionTokenHash ?? '',
          requestContext(request),
        )
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/users',
      {
        config: { access: 'user.read' },
        schema: {
          tags,
          summary: 'Users of my district',
          querystring: paginationQuerySchema.extend({ q: z.string().trim().max(100).optional() }),
          response: { 200: pageOf(userSchema).meta({ id: 'UserPage' }), ...problems },
        },
      },
      (request) => listUsers(db, actorOf(request), request.query),
    )

    app.post(
      '/users',
      {
        config: { access: 'user.manage' },
        schema: {
          tags,
          summary: 'Create a user',
          body: createUserSchema,
          response: { 201: userSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createUser(db, actorOf(request), request.body, requestContext(request))),
    )

    app.get(
      '/users/:userId',
      {
        config: { access: 'user.read' },
        schema: {
          tags,
          summary: 'One user',
          params: userIdParams,
          response: { 200: userSchema, ...problems },
        },
      },
      async (request, reply) => {
        const user = await getUser(db, actorOf(request), request.params.userId, requestContext(request))
        return reply.header('etag', `"${user.version}"`).send(user)
      },
    )

    app.patch(
      '/users/:userId',
      {
        config: { access: 'user.manage' },
        schema: {
          tags,
          summary: 'Change a user (roles, teams, display name, disabled); needs If-Match with the version',
          params: userIdParams,
          body: updateUserSchema,
          response: { 200: userSchema, ...problems },
        },
      },
      async (request, reply) => {
        const user = await updateUser(
          db,
          actorOf(request),
          request.params.userId,
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        )
        return reply.header('etag', `"${user.version}"`).send(user)
      },
    )

    app.delete(
      '/users/:userId/sessions',
      {
        config: { access: 'user.manage' },
        schema: {
          tags,
          summary: "End all of a user's sessions",
          params: userIdParams,
          response: { 200: z.object({ ended: z.number().int() }), ...problems },
        },
      },
      async (request) => ({
        ended: await endUserSessions(db, actorOf(request), request.params.userId, requestContext(request)),
      }),
    )

    app.post(
      '/users/:userId/reset-link',
      {
        config: { access: 'user.manage' },
        schema: {
          tags,
          summary: 'Issue a one-time password reset link (shown once, valid 24 hours; voids older links)',
          params: userIdParams,
          response: { 201: resetLinkSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await issueResetLink(db, actorOf(request), request.params.userId, requestContext(request))),
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

    app.get(
      '/account/second-factor',
      {
        config: { access: 'session.own' },
        schema: {
          tags,
          summary: 'Is my second factor set up, and must it be?',
          response: { 200: secondFactorStatusSchema, ...problems },
        },
      },
      (request) => secondFactorStatus(db, actorOf(request)),
    )

    app.post(
      '/account/second-factor/setup',
      {
        config: { access: 'session.own' },
        schema: {
          tags,
          summary: 'Start setting up TOTP: a new secret and its QR code, active after confirmation',
          response: { 200: secondFactorEnrolmentSchema, ...problems },
        },
      },
      async (request) => {
        if (!request.sessionTokenHash) throw new Unauthenticated()
        const session = await currentSession(identity, request.sessionTokenHash)
        return startEnrolment(db, actorOf(request), session.user.username)
      },
    )

    app.post(
      '/account/second-factor/confirm',
      {
        config: { access: 'session.own' },
        schema: {
          tags,
          summary: 'Confirm with a code from the app; answers the recovery codes once',
          body: secondFactorCodeSchema,
          response: { 200: recoveryCodesSchema, ...problems },
        },
      },
      (request) => confirmEnrolment(db, actorOf(request), request.body.code, requestContext(request)),
    )

    app.post(
      '/account/second-factor/disable',
      {
        config: { access: 'session.own' },
        schema: {
          tags,
          summary: 'Switch my second factor off (not where the district requires it)',
          body: passwordConfirmationSchema,
          response: { 204: z.null(), ...problems },
        },
      },
      async (request, reply) => {
        await disableOwnSecondFactor(db, actorOf(request), request.body.password, requestContext(request))
        return reply.code(204).send(null)
      },
    )

    app.delete(
      '/users/:userId/second-factor',
      {
        config: { access: 'user.manage' },
        schema: {
          tags,
          summary: "Remove a user's second factor (lost phone); ends their sessions",
          params: userIdParams,
          response: { 204: z.null(), ...problems },
        },
      },
      async (request, reply) => {
        await resetUserSecondFactor(db, actorOf(request), request.params.userId, requestContext(request))
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/identity-policy',
      {
        config: { access: 'identity-policy.manage' },
        schema: {
          tags,
          summary: 'Which roles must use a second factor',
          response: { 200: secondFactorRolesSchema, ...problems },
        },
      },
      async (request) => ({ roles: await getSecondFactorRoles(db, actorOf(request)) }),
    )

    app.put(
      '/identity-policy',
      {
        config: { access: 'identity-policy.manage' },
        schema: {
          tags,
          summary: 'Set which roles must use a second factor',
          body: secondFactorRolesSchema,
          response: { 200: secondFactorRolesSchema, ...problems },
        },
      },
      async (request) => ({
        roles: await setSecondFactorRoles(db, actorOf(request), request.body.roles, requestContext(request)),
      }),
    )

    app.get(
      '/teams',
      {
        config: { access: 'organisation.read' },
        schema: {
          tags,
          summary: 'Teams of my district',
          response: { 200: z.array(teamSchema), ...problems },
        },
      },
      (request) => listTeams(db, actorOf(request)),
    )

    app.get(
      '/organisations',
      {
        config: { access: 'organisation.read' },
        schema: {
          tags,
          summary: 'Partner organisations of my district',
          response: { 200: z.array(organisationSchema), ...problems },
        },
      },
      (request) => listOrganisations(db, actorOf(request)),
    )

    const teamParams = z.object({ teamId: z.uuid() })
    const organisationParams = z.object({ organisationId: z.uuid() })

    app.post(
      '/teams',
      {
        config: { access: 'organisation.manage' },
        schema: {
          tags,
          summary: 'Create a team',
          body: teamInputSchema,
          response: { 201: teamSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await createTeam(db, actorOf(request), request.body.name, requestContext(request))),
    )

    app.patch(
      '/teams/:teamId',
      {
        config: { access: 'organisation.manage' },
        schema: {
          tags,
          summary: 'Rename a team; needs If-Match with the version',
          params: teamParams,
          body: teamInputSchema,
          response: { 200: teamSchema, ...problems },
        },
      },
      (request) =>
        renameTeam(
          db,
          actorOf(request),
          request.params.teamId,
          ifMatchVersion(request),
          request.body.name,
          requestContext(request),
        ),
    )

    app.post(
      '/organisations',
      {
        config: { access: 'organisation.manage' },
        schema: {
          tags,
          summary: 'Create a partner organisation',
          body: organisationInputSchema,
          response: { 201: organisationSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await createOrganisation(db, actorOf(request), request.body, requestContext(request))),
    )

    app.put(
      '/organisations/:organisationId',
      {
        config: { access: 'organisation.manage' },
        schema: {
          tags,
          summary: 'Change a partner organisation; needs If-Match with the version',
          params: organisationParams,
          body: organisationInputSchema,
          response: { 200: organisationSchema, ...problems },
        },
      },
      (request) =>
        updateOrganisation(
          db,
          actorOf(request),
          request.params.organisationId,
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        ),
    )
  }
