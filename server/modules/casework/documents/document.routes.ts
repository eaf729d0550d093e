import multipart from '@fastify/multipart'
import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { documentSchema } from '../../../../common/casework.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { fieldError } from '../../../platform/errors.ts'
import { ruleViolation } from '../casework.access.ts'
import { caseParams, problems, tags } from '../casework.http.ts'
import { downloadDocument, listDocuments, uploadDocument } from './document.service.ts'

const documentParams = caseParams.extend({ documentId: z.uuid() })

/** Documents of a case: upload (the only route with a large body) and audited download. */
export const documentRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    await app.register(multipart, { limits: { fileSize: deps.config.uploadLimitBytes, files: 1, fields: 5 } })

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
        schema: {
          tags,
          summary: 'Upload a document (multipart/form-data, field "file"; PDF, images, Office files)',
          params: caseParams,
          consumes: ['multipart/form-data'],
          response: { 201: z.array(documentSchema), ...problems },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart()) throw ruleViolation('document-missing', 'file', 'invalid')
        const file = await request.file()
        if (!file) throw ruleViolation('document-missing', 'file', 'invalid')
        let content: Buffer
        try {
          content = await file.toBuffer()
        } catch (error) {
          if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
            throw fieldError('payload-too-large', 'too-large', 'file')
          throw error
        }
        const documents = await uploadDocument(
          db,
          actorOf(request),
          request.params.caseId,
          { fileName: file.filename, content },
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
