import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { documentSchema } from '../../../../common/casework.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { readUploadedFile, registerUploads, sendDownload } from '../../../platform/uploads.ts'
import { caseParams, problems, tags } from '../casework.http.ts'
import {
  authorizeDocumentUpload,
  downloadDocument,
  listDocuments,
  uploadDocument,
} from './document.service.ts'

const documentParams = caseParams.extend({ documentId: z.uuid() })

/** Documents of a case: upload (the only route with a large body) and audited download. */
export const documentRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    await registerUploads(app, deps)

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
        return sendDownload(reply, file)
      },
    )
  }
