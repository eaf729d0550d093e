import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { problemSchema } from '../../../../common/problem.ts'
import {
  inboxPageSchema,
  inboxQuerySchema,
  referralAcceptSchema,
  referralCompleteSchema,
  referralDeclineSchema,
  referralInputSchema,
  referralNoteSchema,
  referralQuerySchema,
  referralSchema,
} from '../../../../common/referral.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { registerListExport } from '../../../platform/list-export.ts'
import { exportInbox } from './referral.export.ts'
import {
  caseManagerStep,
  createReferral,
  listCaseReferrals,
  listOverrides,
  partnerStep,
  readInbox,
  readReferral,
} from './referral.service.ts'

const tags = ['Network']
const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  422: problemSchema,
}
const caseParams = z.object({ caseId: z.uuid() })
const referralParams = z.object({ referralId: z.uuid() })

/** Referrals from a case, and the partner organisation's inbox and answers. */
export const referralRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/cases/:caseId/referrals',
      {
        config: { access: 'case.read' },
        schema: {
          tags,
          summary: "The case's referrals, newest first",
          params: caseParams,
          response: { 200: z.array(referralSchema), ...problems },
        },
      },
      (request) => listCaseReferrals(db, actorOf(request), request.params.caseId, requestContext(request)),
    )
    app.post(
      '/cases/:caseId/referrals',
      {
        config: { access: 'case.work' },
        schema: {
          tags,
          summary: 'Refer a person of the case to a partner organisation (sent at once unless draft)',
          params: caseParams,
          body: referralInputSchema,
          response: { 201: referralSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await createReferral(
              db,
              actorOf(request),
              request.params.caseId,
              request.body,
              requestContext(request),
            ),
          ),
    )
    app.get(
      '/referrals/inbox',
      {
        config: { access: 'referral.inbox' },
        schema: {
          tags,
          summary: "The partner organisation's inbox, the next due first",
          querystring: inboxQuerySchema,
          response: { 200: inboxPageSchema, ...problems },
        },
      },
      (request) => readInbox(db, actorOf(request), request.query, requestContext(request)),
    )
    registerListExport(app, db, {
      path: '/referrals/inbox/export',
      access: 'referral.inbox',
      tags,
      summary: "The partner organisation's inbox as filtered, only the shared details",
      querystring: inboxQuerySchema.omit({ limit: true, offset: true }),
      stem: 'eingang-vermittlungen',
      build: (request, query, format) => exportInbox(db, request, query, format),
    })
    app.get(
      '/referrals/overrides',
      {
        config: { access: 'referral.review' },
        schema: {
          tags,
          summary: 'Referrals without consent on a legal basis, for the data protection officer',
          response: { 200: z.array(referralSchema), ...problems },
        },
      },
      (request) => listOverrides(db, actorOf(request), requestContext(request)),
    )
    app.get(
      '/referrals/:referralId',
      {
        config: { access: 'referral.open' },
        schema: {
          tags,
          summary:
            'One referral: all of it for the case, the shared fields for the receiving partner (audited)',
          params: referralParams,
          querystring: referralQuerySchema,
          response: { 200: referralSchema, ...problems },
        },
      },
      (request) =>
        readReferral(db, actorOf(request), request.params.referralId, request.query, requestContext(request)),
    )
    for (const name of ['send', 'cancel'] as const) {
      app.post(
        `/referrals/:referralId/${name}`,
        {
          config: { access: 'case.work' },
          schema: {
            tags,
            summary: name === 'send' ? 'Send a draft (the consent is checked again)' : 'Cancel the referral',
            params: referralParams,
            body: referralNoteSchema.nullish(),
            response: { 200: referralSchema, ...problems },
          },
        },
        (request) =>
          caseManagerStep(
            db,
            actorOf(request),
            request.params.referralId,
            name,
            request.body?.note ?? '',
            requestContext(request),
          ),
      )
    }
    app.post(
      '/referrals/:referralId/accept',
      {
        config: { access: 'referral.answer' },
        schema: {
          tags,
          summary: 'Accept a referral (partner)',
          params: referralParams,
          body: referralAcceptSchema.nullish(),
          response: { 200: referralSchema, ...problems },
        },
      },
      (request) =>
        partnerStep(
          db,
          actorOf(request),
          request.params.referralId,
          'accept',
          request.body ?? {},
          requestContext(request),
        ),
    )
    app.post(
      '/referrals/:referralId/decline',
      {
        config: { access: 'referral.answer' },
        schema: {
          tags,
          summary: 'Decline a referral with a reason (partner)',
          params: referralParams,
          body: referralDeclineSchema,
          response: { 200: referralSchema, ...problems },
        },
      },
      (request) =>
        partnerStep(
          db,
          actorOf(request),
          request.params.referralId,
          'decline',
          request.body,
          requestContext(request),
        ),
    )
    app.post(
      '/referrals/:referralId/complete',
      {
        config: { access: 'referral.answer' },
        schema: {
          tags,
          summary: 'Complete a referral with feedback (partner)',
          params: referralParams,
          body: referralCompleteSchema,
          response: { 200: referralSchema, ...problems },
        },
      },
      (request) =>
        partnerStep(
          db,
          actorOf(request),
          request.params.referralId,
          'complete',
          request.body,
          requestContext(request),
        ),
    )
  }
