import multipart from '@fastify/multipart'
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  consentFormLanguages,
  consentInputSchema,
  consentRevocationSchema,
  consentSchema,
} from '../../../../common/consent.ts'
import { problemSchema } from '../../../../common/problem.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { DomainError, fieldError } from '../../../platform/errors.ts'
import {
  authorizeFormUpload,
  downloadSignedForm,
  listConsents,
  readConsent,
  recordConsent,
  revokeConsent,
  uploadSignedForm,
} from './consent.service.ts'
import { printConsentForm } from './consent-form.service.ts'

const tags = ['Network']
const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  413: problemSchema,
  415: problemSchema,
  422: problemSchema,
}
const personParams = z.object({ personId: z.uuid() })
const consentParams = z.object({ consentId: z.uuid() })

const multipartLimitCodes = new Set(['FST_REQ_FILE_TOO_LARGE', 'FST_PARTS_LIMIT', 'FST_FILES_LIMIT'])

/** The one file of the upload; a broken multipart body is 400, a file over the limit 413. */
async function readUploadedFile(request: FastifyRequest): Promise<{ fileName: string; content: Buffer }> {
  if (!request.isMultipart()) throw fieldError('document-missing', 'invalid', 'file')
  try {
    const file = await request.file()
    if (!file) throw fieldError('document-missing', 'invalid', 'file')
    return { fileName: file.filename, content: await file.toBuffer() }
  } catch (error) {
    if (error instanceof DomainError) throw error
    const code = (error as { code?: unknown }).code
    if (typeof code === 'string' && multipartLimitCodes.has(code))
      throw fieldError('payload-too-large', 'too-large', 'file')
    throw fieldError('multipart-malformed', 'invalid', '')
  }
}

/** The consent ledger: a person's consents, revocation in one step, and the signed form. */
export const consentRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    await app.register(multipart, {
      limits: { fileSize: deps.config.uploadLimitBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
    })

    app.get(
      '/persons/:personId/consents',
      {
        config: { access: 'person.read' },
        schema: {
          tags,
          summary: "The person's consents (Einwilligungen), with their state today",
          params: personParams,
          response: { 200: z.array(consentSchema), ...problems },
        },
      },
      (request) => listConsents(db, actorOf(request), request.params.personId, requestContext(request)),
    )
    app.post(
      '/persons/:personId/consents',
      {
        config: { access: 'consent.manage' },
        schema: {
          tags,
          summary: 'Record a consent: recipients, purposes, data categories, validity',
          params: personParams,
          body: consentInputSchema,
          response: { 201: consentSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await recordConsent(
              db,
              actorOf(request),
              request.params.personId,
              request.body,
              requestContext(request),
            ),
          ),
    )
    app.get(
      '/consents/:consentId',
      {
        config: { access: 'person.read' },
        schema: {
          tags,
          summary: 'One consent',
          params: consentParams,
          response: { 200: consentSchema, ...problems },
        },
      },
      (request) => readConsent(db, actorOf(request), request.params.consentId, requestContext(request)),
    )
    app.post(
      '/consents/:consentId/revoke',
      {
        config: { access: 'consent.manage' },
        schema: {
          tags,
          summary: 'Revoke a consent; it allows nothing from the next request on',
          params: consentParams,
          body: consentRevocationSchema.nullish(),
          response: { 200: consentSchema, ...problems },
        },
      },
      (request) =>
        revokeConsent(
          db,
          actorOf(request),
          request.params.consentId,
          request.body ?? { note: '' },
          requestContext(request),
        ),
    )
    app.post(
      '/consents/:consentId/signed-form',
      {
        config: { access: 'consent.manage' },
        preHandler: async (request, reply) => {
          try {
            await authorizeFormUpload(db, actorOf(request), request.params.consentId)
          } catch (error) {
            reply.header('connection', 'close')
            throw error
          }
        },
        schema: {
          tags,
          summary: 'Upload the signed form (multipart/form-data, field "file"; PDF or image)',
          params: consentParams,
          consumes: ['multipart/form-data'],
          response: { 200: consentSchema, ...problems },
        },
      },
      async (request) =>
        uploadSignedForm(
          db,
          actorOf(request),
          request.params.consentId,
          await readUploadedFile(request),
          requestContext(request),
        ),
    )
    app.get(
      '/consents/:consentId/signed-form',
      {
        config: { access: 'person.read' },
        schema: {
          tags,
          summary: 'Download the signed form (audited)',
          params: consentParams,
          response: { 200: z.any(), ...problems },
        },
      },
      async (request, reply) => {
        const file = await downloadSignedForm(
          db,
          actorOf(request),
          request.params.consentId,
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
    app.get(
      '/consents/:consentId/form.pdf',
      {
        config: { access: 'person.read' },
        schema: {
          tags,
          summary: "The printable consent form, German beside the client's language (audited)",
          params: consentParams,
          querystring: z.object({
            language: z
              .enum(consentFormLanguages)
              .optional()
              .describe(
                "The client's language; the one recorded on the consent, or English, if none is given",
              ),
          }),
          response: { 200: z.any(), ...problems },
        },
      },
      async (request, reply) => {
        const form = await printConsentForm(
          db,
          actorOf(request),
          request.params.consentId,
          request.query.language,
          requestContext(request),
        )
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `inline; filename="${form.fileName}"`)
          .header('content-language', `de, ${form.language}`)
          .send(Buffer.from(form.content))
      },
    )
  }
