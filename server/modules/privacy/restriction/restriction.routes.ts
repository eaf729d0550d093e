import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  requestSubjectDetailSchema,
  requestSubjectSchema,
  restrictionInputSchema,
  subjectSearchSchema,
} from '../../../../common/privacy-requests.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { personParams, privacyProblems, privacyRequestTags as tags } from '../disclosure/requests.http.ts'
import {
  decideRestriction,
  findRequestSubjects,
  recordRectificationRequest,
  requestSubject,
} from './restriction.service.ts'

/** Finding the subject of a request, restriction of processing (Art. 18) and rectification on request (Art. 16). */
export const restrictionRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/privacy-requests/subjects',
      {
        config: { access: 'privacy-request.handle' },
        schema: {
          tags,
          summary: 'Find the person a request is about, by name (audited)',
          querystring: subjectSearchSchema,
          response: { 200: z.array(requestSubjectSchema), ...privacyProblems },
        },
      },
      (request) => findRequestSubjects(db, actorOf(request), request.query.q, requestContext(request)),
    )
    app.get(
      '/privacy-requests/subjects/:personId',
      {
        config: { access: 'privacy-request.handle' },
        schema: {
          tags,
          summary: 'The person a request is about, with the history of restriction (audited)',
          params: personParams,
          response: { 200: requestSubjectDetailSchema, ...privacyProblems },
        },
      },
      (request) => requestSubject(db, actorOf(request), request.params.personId, requestContext(request)),
    )
    app.put(
      '/persons/:personId/restriction',
      {
        config: { access: 'privacy-request.handle' },
        schema: {
          tags,
          summary: 'Set or lift the restriction of processing (Art. 18 GDPR), with a reason',
          description:
            'While set, every change to the person and their cases is refused with 403 `processing-restricted`.',
          params: personParams,
          body: restrictionInputSchema,
          response: { 200: requestSubjectDetailSchema, ...privacyProblems },
        },
      },
      (request) =>
        decideRestriction(
          db,
          actorOf(request),
          request.params.personId,
          request.body,
          requestContext(request),
        ),
    )
    app.post(
      '/persons/:personId/rectification-requests',
      {
        config: { access: 'privacy-request.handle' },
        schema: {
          tags,
          summary:
            'Record that the person asked for a correction (Art. 16 GDPR); the audit entry kind is rectification on request',
          params: personParams,
          response: { 204: z.null(), ...privacyProblems },
        },
      },
      async (request, reply) => {
        await recordRectificationRequest(
          db,
          actorOf(request),
          request.params.personId,
          requestContext(request),
        )
        return reply.code(204).send(null)
      },
    )
  }
