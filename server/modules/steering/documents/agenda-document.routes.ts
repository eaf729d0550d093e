import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { meetingDetailSchema } from '../../../../common/steering.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { readUploadedFile, registerUploads, sendDownload } from '../../../platform/uploads.ts'
import { problems } from '../steering.http.ts'
import {
  authorizeAgendaUpload,
  downloadAgendaDocument,
  removeAgendaDocument,
  uploadAgendaDocument,
} from './agenda-document.service.ts'

const tags = ['Steering: meetings']
const itemParams = z.object({ meetingId: z.uuid(), agendaItemId: z.uuid() })
// Not `documentId`: that names a case's document everywhere else (and in the authorisation matrix).
const documentParams = itemParams.extend({ agendaDocumentId: z.uuid() })
const documentIds = (params: z.output<typeof documentParams>) => ({
  meetingId: params.meetingId,
  agendaItemId: params.agendaItemId,
  documentId: params.agendaDocumentId,
})

/** Documents (Vorlagen) attached to agenda items: the only steering routes with a large body. */
export const agendaDocumentRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    await registerUploads(app, deps)

    app.post(
      '/meetings/:meetingId/agenda-items/:agendaItemId/documents',
      {
        config: { access: 'steering.manage' },
        // Authorised before the body is read: a refused caller never gets the server to take the file.
        preHandler: async (request, reply) => {
          try {
            await authorizeAgendaUpload(db, actorOf(request), request.params.meetingId)
          } catch (error) {
            reply.header('connection', 'close')
            throw error
          }
        },
        schema: {
          tags,
          summary:
            'Attach a document to an agenda item while the minutes are open (multipart/form-data, field "file"; PDF, DOCX, XLSX, images)',
          params: itemParams,
          consumes: ['multipart/form-data'],
          response: { 201: meetingDetailSchema, ...problems },
        },
      },
      async (request, reply) => {
        const file = await readUploadedFile(request)
        const meeting = await uploadAgendaDocument(
          db,
          actorOf(request),
          request.params,
          file,
          requestContext(request),
        )
        return reply.code(201).send(meeting)
      },
    )
    app.get(
      '/meetings/:meetingId/agenda-items/:agendaItemId/documents/:agendaDocumentId',
      {
        config: { access: 'steering.read' },
        schema: {
          tags,
          summary: 'Download a document of an agenda item (audited)',
          params: documentParams,
          response: { 200: z.any(), ...problems },
        },
      },
      async (request, reply) =>
        sendDownload(
          reply,
          await downloadAgendaDocument(
            db,
            actorOf(request),
            documentIds(request.params),
            requestContext(request),
          ),
        ),
    )
    app.delete(
      '/meetings/:meetingId/agenda-items/:agendaItemId/documents/:agendaDocumentId',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: 'Remove a document of an agenda item while the minutes are open',
          params: documentParams,
          response: { 200: meetingDetailSchema, ...problems },
        },
      },
      (request) =>
        removeAgendaDocument(db, actorOf(request), documentIds(request.params), requestContext(request)),
    )
  }
