import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  changePasswordSchema,
  ownSessionsSchema,
  passwordConfirmationSchema,
  recoveryCodesSchema,
  secondFactorCodeSchema,
  secondFactorEnrolmentSchema,
  secondFactorStatusSchema,
} from '../../../common/identity.ts'
import { actorOf, requestContext } from '../../platform/access.ts'
import type { AppDeps } from '../../platform/deps.ts'
import { Unauthenticated } from '../../platform/errors.ts'
import { problems, tags } from './identity.http.ts'
import {
  confirmEnrolment,
  disableOwnSecondFactor,
  secondFactorStatus,
  startEnrolment,
} from './second-factor.service.ts'
import {
  currentSession,
  endOtherOwnSessions,
  endOwnSession,
  type IdentityContext,
  listOwnSessions,
} from './session.service.ts'
import { changeOwnPassword } from './user.service.ts'

/** The signed-in user's own account: sessions, password, second factor. */
export const accountRoutes =
  (deps: AppDeps, identity: IdentityContext): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/account/sessions',
      {
        config: { access: 'session.own' },
        schema: {
          tags,
          summary: 'My open sessions and how many I may have',
          response: { 200: ownSessionsSchema, ...problems },
        },
      },
      (request) => listOwnSessions(identity, actorOf(request), request.sessionTokenHash ?? ''),
    )
    app.delete(
      '/account/sessions',
      {
        config: { access: 'session.own' },
        schema: {
          tags,
          summary: 'End all my sessions but this one',
          response: { 204: z.null(), ...problems },
        },
      },
      async (request, reply) => {
        if (!request.sessionTokenHash) throw new Unauthenticated()
        await endOtherOwnSessions(
          identity,
          actorOf(request),
          request.sessionTokenHash,
          requestContext(request),
        )
        return reply.code(204).send(null)
      },
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
        await endOwnSession(identity, actorOf(request), request.params.sessionId, requestContext(request))
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
  }
