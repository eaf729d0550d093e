import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  consentFormLanguages,
  consentInputSchema,
  consentRevocationSchema,
  consentSchema,
} from '../../../../common/consent.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { readUploadedFile, registerUploads, sendDownload } from '../../../platform/uploads.ts'
import { personParams, problems, tags } from '../network.http.ts'
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

const consentParams = z.object({ consentId: z.uuid() })

/** The consent ledger: a person's consents, revocation in one step, and the signed form. */
export const consentRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    await registerUploads(app, deps)

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
        config: { access: 'consent.revoke' },
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
        return sendDownload(reply, file)
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
