import multipart from '@fastify/multipart'
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  assessmentInputSchema,
  assessmentSchema,
  contactInputSchema,
  contactSchema,
  documentSchema,
  goalInputSchema,
  measureInputSchema,
  planSchema,
  taskSchema,
  timelineEntrySchema,
} from '../../../common/casework.ts'
import { actorOf, requestContext } from '../../platform/access.ts'
import type { AppDeps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import { ifMatchVersion } from '../../platform/http.ts'
import { addAssessment, listAssessments } from './assessment.service.ts'
import { caseParams } from './case.routes.ts'
import { ruleViolation } from './casework.access.ts'
import { problems, tags } from './casework.http.ts'
import { addContact, listContacts } from './contact.service.ts'
import {
  authorizeDocumentUpload,
  downloadDocument,
  listDocuments,
  uploadDocument,
} from './document.service.ts'
import { addGoal, addMeasure, readPlan, updateGoal, updateMeasure } from './plan.service.ts'
import { listCaseTasks } from './task.service.ts'
import { readTimeline } from './timeline.service.ts'

const goalParams = caseParams.extend({ goalId: z.uuid() })
const measureParams = caseParams.extend({ measureId: z.uuid() })
const documentParams = caseParams.extend({ documentId: z.uuid() })

const multipartLimitCodes = new Set([
  'FST_REQ_FILE_TOO_LARGE',
  'FST_PARTS_LIMIT',
  'FST_FILES_LIMIT',
  'FST_FIELDS_LIMIT',
])

/**
 * The one file of an upload. A body that is no well-formed multipart (no boundary, cut off,
 * garbage) is the client's fault: 400, never a server error; a file over the limit is 413.
 */
async function readUploadedFile(request: FastifyRequest): Promise<{ fileName: string; content: Buffer }> {
  if (!request.isMultipart()) throw ruleViolation('document-missing', 'body.file', 400)
  try {
    const file = await request.file()
    if (!file) throw ruleViolation('document-missing', 'body.file', 400)
    return { fileName: file.filename, content: await file.toBuffer() }
  } catch (error) {
    if (error instanceof DomainError) throw error
    const code = (error as { code?: unknown }).code
    if (typeof code === 'string' && multipartLimitCodes.has(code))
      throw new DomainError('payload-too-large', 413, undefined, [
        { path: 'body.file', message: 'payload-too-large' },
      ])
    throw new DomainError('multipart-malformed', 400, undefined, [
      { path: 'body', message: 'multipart-malformed' },
    ])
  }
}

/** The records inside a case: assessments, plan, contacts, tasks, documents and the timeline. */
export const caseRecordRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    // The upload's own limit. The multipart parser leaves the stream unread until the handler asks
    // for the file, so the route keeps the small body limit for everything else (a JSON body sent
    // here is refused at 1 MiB, before the authorisation below, like on every other route).
    await app.register(multipart, {
      limits: { fileSize: deps.config.uploadLimitBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
    })

    app.get(
      '/cases/:caseId/timeline',
      {
        config: { access: 'case.read' },
        schema: {
          tags,
          summary: 'Everything in the case, newest first',
          params: caseParams,
          response: { 200: z.array(timelineEntrySchema), ...problems },
        },
      },
      (request) => readTimeline(db, actorOf(request), request.params.caseId, requestContext(request)),
    )

    app.get(
      '/cases/:caseId/assessments',
      {
        config: { access: 'case.read' },
        schema: {
          tags,
          summary: 'Assessments, oldest first',
          params: caseParams,
          response: { 200: z.array(assessmentSchema), ...problems },
        },
      },
      (request) => listAssessments(db, actorOf(request), request.params.caseId, requestContext(request)),
    )
    app.post(
      '/cases/:caseId/assessments',
      {
        config: { access: 'case.work' },
        schema: {
          tags,
          summary: 'Record an assessment of the life domains',
          params: caseParams,
          body: assessmentInputSchema,
          response: { 201: z.array(assessmentSchema), ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await addAssessment(
              db,
              actorOf(request),
              request.params.caseId,
              request.body,
              requestContext(request),
            ),
          ),
    )

    app.get(
      '/cases/:caseId/plan',
      {
        config: { access: 'case.read' },
        schema: {
          tags,
          summary: 'Goals and measures',
          params: caseParams,
          response: { 200: planSchema, ...problems },
        },
      },
      (request) => readPlan(db, actorOf(request), request.params.caseId, requestContext(request)),
    )
    app.post(
      '/cases/:caseId/goals',
      {
        config: { access: 'case.work' },
        schema: {
          tags,
          summary: 'Add a goal',
          params: caseParams,
          body: goalInputSchema,
          response: { 201: planSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await addGoal(db, actorOf(request), request.params.caseId, request.body, requestContext(request)),
          ),
    )
    app.put(
      '/cases/:caseId/goals/:goalId',
      {
        config: { access: 'case.work' },
        schema: {
          tags,
          summary: 'Change a goal; needs If-Match',
          params: goalParams,
          body: goalInputSchema,
          response: { 200: planSchema, ...problems },
        },
      },
      (request) =>
        updateGoal(
          db,
          actorOf(request),
          request.params.caseId,
          request.params.goalId,
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        ),
    )
    app.post(
      '/cases/:caseId/measures',
      {
        config: { access: 'case.work' },
        schema: {
          tags,
          summary: 'Add a measure',
          params: caseParams,
          body: measureInputSchema,
          response: { 201: planSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await addMeasure(
              db,
              actorOf(request),
              request.params.caseId,
              request.body,
              requestContext(request),
            ),
          ),
    )
    app.put(
      '/cases/:caseId/measures/:measureId',
      {
        config: { access: 'case.work' },
        schema: {
          tags,
          summary: 'Change a measure; needs If-Match',
          params: measureParams,
          body: measureInputSchema,
          response: { 200: planSchema, ...problems },
        },
      },
      (request) =>
        updateMeasure(
          db,
          actorOf(request),
          request.params.caseId,
          request.params.measureId,
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        ),
    )

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
      '/cases/:caseId/tasks',
      {
        config: { access: 'case.read' },
        schema: {
          tags,
          summary: 'Tasks of the case',
          params: caseParams,
          response: { 200: z.array(taskSchema), ...problems },
        },
      },
      (request) => listCaseTasks(db, actorOf(request), request.params.caseId, requestContext(request).now),
    )

    app.get(
      '/cases/:caseId/documents',
      {
        config: { access: 'case.read' },
        schema: {
          tags,
          summary: 'Documents of the case',
          params: caseParams,
          response: { 200: z.array(documentSchema), ...problems },
        },
      },
      (request) => listDocuments(db, actorOf(request), request.params.caseId),
    )
    app.post(
      '/cases/:caseId/documents',
      {
        config: { access: 'case.work' },
        // Authorised before the body is read: a refused caller never gets the server to take the file.
        preHandler: async (request, reply) => {
          try {
            await authorizeDocumentUpload(db, actorOf(request), request.params.caseId)
          } catch (error) {
            // Close the connection after the refusal instead of reading the rest of the body.
            reply.header('connection', 'close')
            throw error
          }
        },
        schema: {
          tags,
          summary: 'Upload a document (multipart/form-data, field "file"; PDF, images, Office files)',
          params: caseParams,
          consumes: ['multipart/form-data'],
          response: { 201: z.array(documentSchema), ...problems },
        },
      },
      async (request, reply) => {
        const file = await readUploadedFile(request)
        const documents = await uploadDocument(
          db,
          actorOf(request),
          request.params.caseId,
          file,
          requestContext(request),
        )
        return reply.code(201).send(documents)
      },
    )
    app.get(
      '/cases/:caseId/documents/:documentId',
      {
        config: { access: 'case.read' },
        schema: {
          tags,
          summary: 'Download a document (audited)',
          params: documentParams,
          response: { 200: z.any(), ...problems },
        },
      },
      async (request, reply) => {
        const file = await downloadDocument(
          db,
          actorOf(request),
          request.params.caseId,
          request.params.documentId,
          requestContext(request),
        )
        return reply
          .header('content-type', file.mediaType)
          .header(
            'content-disposition',
            `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
          )
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
          .send(file.content)
      },
    )
  }
