import multipart from '@fastify/multipart'
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { documentSchema } from '../../../../common/casework.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { DomainError, fieldError } from '../../../platform/errors.ts'
import { ruleViolation } from '../casework.access.ts'
import { caseParams, problems, tags } from '../casework.http.ts'
import {
  authorizeDocumentUpload,
  downloadDocument,
  listDocuments,
  uploadDocument,
} from './document.service.ts'

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
  if (!request.isMultipart()) throw ruleViolation('document-missing', 'file', 'invalid')
  try {
    const file = await request.file()
    if (!file) throw ruleViolation('document-missing', 'file', 'invalid')
    return { fileName: file.filename, content: await file.toBuffer() }
  } catch (error) {
    if (error instanceof DomainError) throw error
    const code = (error as { code?: unknown }).code
    if (typeof code === 'string' && multipartLimitCodes.has(code))
      throw fieldError('payload-too-large', 'too-large', 'file')
    throw fieldError('multipart-malformed', 'invalid', '')
  }
}

/** Documents of a case: upload (the only route with a large body) and audited download. */
export const documentRoutes =
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
