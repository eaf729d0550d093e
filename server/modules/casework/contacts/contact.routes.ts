import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  contactInputSchema,
  contactSchema,
  shortConsultationInputSchema,
  shortConsultationSchema,
} from '../../../../common/casework.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { registerListExport } from '../../../platform/list-export.ts'
import { caseParams, problems, tags } from '../casework.http.ts'
import { exportContacts, exportShortConsultations } from './contact.export.ts'
import {
  addContact,
  listContacts,
  listOwnShortConsultations,
  recordShortConsultation,
} from './contact.service.ts'

/** Counselling contacts of a case, and short consultations, which belong to no case. */
export const contactRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/cases/:caseId/contacts',
      {
        config: { access: 'case.read' },
        schema: {
          tags,
          summary: 'Counselling contacts, newest first',
          params: caseParams,
          response: { 200: z.array(contactSchema), ...problems },
        },
      },
      (request) => listContacts(db, actorOf(request), request.params.caseId, requestContext(request)),
    )
    registerListExport(app, db, {
      path: '/cases/:caseId/contacts/export',
      params: caseParams,
      access: 'case.read',
      tags,
      summary: "A case's counselling contacts, newest first",
      stem: 'kontakte',
      build: (request, _query, format, params) => exportContacts(db, request, params.caseId, format),
    })
    app.post(
      '/cases/:caseId/contacts',
      {
        config: { access: 'case.work' },
        schema: {
          tags,
          summary: 'Log a counselling contact',
          params: caseParams,
          body: contactInputSchema,
          response: { 201: z.array(contactSchema), ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await addContact(
              db,
              actorOf(request),
              request.params.caseId,
              request.body,
              requestContext(request),
            ),
          ),
    )
    app.get(
      '/short-consultations',
      {
        config: { access: 'short-consultation.record' },
        schema: {
          tags,
          summary: 'My short consultations of the last 30 days',
          response: { 200: z.array(shortConsultationSchema), ...problems },
        },
      },
      (request) => listOwnShortConsultations(db, actorOf(request), requestContext(request).now),
    )
    registerListExport(app, db, {
      path: '/short-consultations/export',
      access: 'short-consultation.record',
      tags,
      summary: 'My short consultations of the last 30 days',
      stem: 'kurzberatungen',
      build: (request, _query, format) => exportShortConsultations(db, request, format),
    })
    app.post(
      '/short-consultations',
      {
        config: { access: 'short-consultation.record' },
        schema: {
          tags,
          summary: 'Count a short consultation (no personal data)',
          body: shortConsultationInputSchema,
          response: { 201: shortConsultationSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await recordShortConsultation(db, actorOf(request), request.body, requestContext(request))),
    )
  }
