import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  conferenceDraftQuerySchema,
  conferenceDraftSchema,
  conferenceInputSchema,
  conferenceListItemSchema,
  conferenceSchema,
} from '../../../../common/conference.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { registerListExport } from '../../../platform/list-export.ts'
import { caseParams, problems, tags } from '../network.http.ts'
import { exportConferences } from './conference.export.ts'
import {
  type ConsentGate,
  draftConference,
  listCaseConferences,
  listDistrictConferences,
  recordConference,
} from './conference.service.ts'

/** Case conferences: the draft (summary and consents), recording one, a case's and the district's list. */
export const conferenceRoutes =
  (deps: AppDeps, gate: ConsentGate): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/cases/:caseId/conference-draft',
      {
        config: { access: 'case.read' },
        schema: {
          tags,
          summary:
            "A conference's pseudonymised summary drafted from the case, and which organisations consents cover",
          params: caseParams,
          querystring: conferenceDraftQuerySchema,
          response: { 200: conferenceDraftSchema, ...problems },
        },
      },
      (request) =>
        draftConference(
          db,
          gate,
          actorOf(request),
          request.params.caseId,
          request.query,
          requestContext(request),
        ),
    )
    app.get(
      '/cases/:caseId/conferences',
      {
        config: { access: 'case.read' },
        schema: {
          tags,
          summary: "A case's conferences, newest first",
          params: caseParams,
          response: { 200: z.array(conferenceSchema), ...problems },
        },
      },
      (request) => listCaseConferences(db, actorOf(request), request.params.caseId, requestContext(request)),
    )
    app.post(
      '/cases/:caseId/conferences',
      {
        config: { access: 'case.work' },
        schema: {
          tags,
          summary:
            'Record a case conference; every organisation needs consent for case-conference, actions become tasks',
          params: caseParams,
          body: conferenceInputSchema,
          response: { 201: conferenceSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await recordConference(
              db,
              gate,
              actorOf(request),
              request.params.caseId,
              request.body,
              requestContext(request),
            ),
          ),
    )
    app.get(
      '/case-conferences',
      {
        config: { access: 'case-conference.list' },
        schema: {
          tags,
          summary: "The district's conferences of the last two years (the case only for who may read it)",
          response: { 200: z.array(conferenceListItemSchema), ...problems },
        },
      },
      (request) => listDistrictConferences(db, actorOf(request), requestContext(request)),
    )
    registerListExport(app, db, {
      path: '/case-conferences/export',
      access: 'case-conference.list',
      tags,
      summary: "The district's conferences as listed (the case only for who may read it)",
      stem: 'fallkonferenzen',
      build: (request, _query, format) => exportConferences(db, request, format),
    })
  }
