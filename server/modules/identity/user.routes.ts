import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  createUserSchema,
  resetLinkSchema,
  secondFactorRolesSchema,
  updateUserSchema,
  userSchema,
} from '../../../common/identity.ts'
import { pageOf, paginationQuerySchema } from '../../../common/pagination.ts'
import { singleLineText } from '../../../common/text.ts'
import { actorOf, requestContext } from '../../platform/access.ts'
import type { AppDeps } from '../../platform/deps.ts'
import { ifMatchVersion } from '../../platform/http.ts'
import { registerListExport } from '../../platform/list-export.ts'
import { problems, tags, userIdParams } from './identity.http.ts'
import { issueResetLink } from './password-reset.service.ts'
import { getSecondFactorRoles, resetUserSecondFactor, setSecondFactorRoles } from './second-factor.service.ts'
import { exportUsers } from './user.export.ts'
import { createUser, endUserSessions, getUser, listUsers, updateUser } from './user.service.ts'

const userSearch = { q: singleLineText().trim().max(100).optional() }

/** User administration and the district rule for the second factor. */
export const userRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/users',
      {
        config: { access: 'user.read' },
        schema: {
          tags,
          summary: 'Users of my district',
          querystring: paginationQuerySchema.extend(userSearch),
          response: { 200: pageOf(userSchema).meta({ id: 'UserPage' }), ...problems },
        },
      },
      (request) => listUsers(db, actorOf(request), request.query),
    )
    registerListExport(app, db, {
      path: '/users/export',
      access: 'user.read',
      tags,
      summary: 'Users of my district, as searched',
      querystring: z.object(userSearch),
      stem: 'benutzer',
      build: (request, query, format) => exportUsers(db, request, query, format),
    })
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
  }
