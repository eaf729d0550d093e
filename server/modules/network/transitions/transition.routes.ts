import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  handoverStepUpdateSchema,
  jobcenterContactFigureSchema,
  legalSphereChangeInputSchema,
  legalSphereChangeListSchema,
  legalSphereChangeSchema,
} from '../../../../common/legal-sphere.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { ifMatchVersion } from '../../../platform/http.ts'
import { registerListExport } from '../../../platform/list-export.ts'
import { personParams, problems, tags } from '../network.http.ts'
import { exportLegalSphereChanges } from './transition.export.ts'
import {
  jobcenterContactFigure,
  listChanges,
  listPersonChanges,
  recordChange,
  updateStep,
} from './transition.service.ts'

/** Legal-sphere changes (Rechtskreiswechsel) of persons, their hand-over checklists, the list and the figure. */
export const transitionRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/persons/:personId/legal-sphere-changes',
      {
        config: { access: 'person.read' },
        schema: {
          tags,
          summary: "A person's legal-sphere changes with their hand-over checklists, newest first",
          params: personParams,
          response: { 200: z.array(legalSphereChangeSchema), ...problems },
        },
      },
      (request) => listPersonChanges(db, actorOf(request), request.params.personId, requestContext(request)),
    )
    app.post(
      '/persons/:personId/legal-sphere-changes',
      {
        config: { access: 'person.update' },
        schema: {
          tags,
          summary: 'Record a legal-sphere change; each chosen hand-over step becomes a task',
          params: personParams,
          body: legalSphereChangeInputSchema,
          response: { 201: legalSphereChangeSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await recordChange(
              db,
              actorOf(request),
              request.params.personId,
              request.body,
              requestContext(request),
            ),
          ),
    )
    app.patch(
      '/legal-sphere-handover-steps/:stepId',
      {
        config: { access: 'person.update' },
        schema: {
          tags,
          summary: 'Mark a hand-over step done on a day, or reopen it (its task follows); needs If-Match',
          params: z.object({ stepId: z.uuid() }),
          body: handoverStepUpdateSchema,
          response: { 200: legalSphereChangeSchema, ...problems },
        },
      },
      (request) =>
        updateStep(
          db,
          actorOf(request),
          request.params.stepId,
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        ),
    )
    app.get(
      '/legal-sphere-changes',
      {
        config: { access: 'legal-sphere-change.list' },
        schema: {
          tags,
          summary: 'Upcoming and recent legal-sphere changes of the persons I may read',
          response: { 200: legalSphereChangeListSchema, ...problems },
        },
      },
      (request) => listChanges(db, actorOf(request), requestContext(request)),
    )
    registerListExport(app, db, {
      path: '/legal-sphere-changes/export',
      access: 'legal-sphere-change.list',
      tags,
      summary: 'Upcoming and recent legal-sphere changes of the persons I may read',
      stem: 'rechtskreiswechsel',
      build: (request, _query, format) => exportLegalSphereChanges(db, request, format),
    })
    app.get(
      '/legal-sphere-changes/figure',
      {
        config: { access: 'legal-sphere-change.figure' },
        schema: {
          tags,
          summary: 'Days from a change into SGB II to the first Jobcenter contact (aggregate, last 365 days)',
          response: { 200: jobcenterContactFigureSchema, ...problems },
        },
      },
      (request) => jobcenterContactFigure(db, actorOf(request), requestContext(request).now),
    )
  }
