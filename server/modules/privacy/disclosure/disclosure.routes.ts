import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { districtTimeZone } from '../../../platform/district-time.ts'
import { personDisclosure } from './disclosure.service.ts'
import { disclosurePdf } from './disclosure-document.ts'
import { personParams, privacyProblems, privacyRequestTags as tags } from './requests.http.ts'

const fileDay = (now: Date) => now.toISOString().slice(0, 10)

/** Access (Art. 15 GDPR) and portability (Art. 20): the report about one person, as JSON and PDF. */
export const disclosureRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/persons/:personId/disclosure.json',
      {
        config: { access: 'privacy-request.handle' },
        schema: {
          tags,
          summary: 'Everything held about a person (Art. 15 GDPR), machine-readable (Art. 20) — audited',
          description:
            'For the data protection officer. The shape carries `schemaVersion` (docs/privacy-requests.md). ' +
            'A person of another district answers 404 like a missing one.',
          params: personParams,
          response: { 200: z.any(), ...privacyProblems },
        },
      },
      async (request, reply) => {
        const disclosure = await personDisclosure(
          db,
          actorOf(request),
          request.params.personId,
          requestContext(request),
        )
        return reply
          .header(
            'content-disposition',
            `attachment; filename="auskunft-${fileDay(request.receivedAt ?? new Date())}.json"`,
          )
          .type('application/json; charset=utf-8')
          .send(JSON.stringify(disclosure, null, 2))
      },
    )

    app.get(
      '/persons/:personId/disclosure.pdf',
      {
        config: { access: 'privacy-request.handle' },
        schema: {
          tags,
          summary: 'Everything held about a person (Art. 15 GDPR) as a readable PDF in German — audited',
          params: personParams,
          response: { 200: z.any(), ...privacyProblems },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request)
        const disclosure = await personDisclosure(db, actor, request.params.personId, requestContext(request))
        const pdf = await disclosurePdf(disclosure, await districtTimeZone(db, actor.districtId))
        return reply
          .header('content-type', 'application/pdf')
          .header(
            'content-disposition',
            `attachment; filename="auskunft-${fileDay(request.receivedAt ?? new Date())}.pdf"`,
          )
          .send(Buffer.from(pdf))
      },
    )
  }
