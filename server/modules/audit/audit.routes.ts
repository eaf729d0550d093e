import { stringify } from 'csv-stringify/sync'
import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditPageSchema, auditQuerySchema } from '../../../common/audit.ts'
import { problemSchema } from '../../../common/problem.ts'
import { actorOf, requestContext } from '../../platform/access.ts'
import type { AppDeps } from '../../platform/deps.ts'
import { authorize } from '../../platform/policy.ts'
import { type ActorNames, listAuditEvents, recordAudit } from './audit.service.ts'

const tags = ['Audit']
const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema }
const exportLimit = 100_000

export const auditRoutes =
  (deps: AppDeps, actorNames: (districtId: string) => ActorNames): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/audit',
      {
        config: { access: 'audit.read' },
        schema: {
          tags,
          summary: 'The audit trail of my district, newest first',
          querystring: auditQuerySchema,
          response: { 200: auditPageSchema, ...problems },
        },
      },
      async (request) => {
        const actor = actorOf(request)
        authorize(actor, 'audit.read', { type: 'audit', districtId: actor.districtId })
        const { limit, offset, ...filter } = request.query
        return listAuditEvents(db, actor.districtId, filter, { limit, offset }, actorNames(actor.districtId))
      },
    )

    app.get(
      '/audit/export.csv',
      {
        config: { access: 'audit.export' },
        schema: {
          tags,
          summary: 'The filtered audit trail as CSV (UTF-8 with BOM, semicolons), at most 100,000 rows',
          querystring: auditQuerySchema.omit({ limit: true, offset: true }),
          response: { 200: z.string(), ...problems },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request)
        authorize(actor, 'audit.export', { type: 'audit', districtId: actor.districtId })
        const page = await listAuditEvents(
          db,
          actor.districtId,
          request.query,
          { limit: exportLimit, offset: 0 },
          actorNames(actor.districtId),
        )
        await recordAudit(db, { ...requestContext(request), action: 'audit.export', subjectType: 'audit' })
        const csv = stringify(
          page.items.map((event) => [
            event.id,
            event.occurredAt,
            event.actorName ?? '',
            event.actorId ?? '',
            event.actorRoles.join(','),
            event.action,
            event.outcome,
            event.subjectType ?? '',
            event.subjectId ?? '',
            event.purpose ?? '',
            event.requestId ?? '',
            event.clientPseudonym ?? '',
          ]),
          {
            delimiter: ';',
            bom: true,
            // Names come from user input; a leading = + - @ would run as a formula in a spreadsheet.
            escape_formulas: true,
            header: true,
            columns: [
              'Nr',
              'Zeitpunkt (UTC)',
              'Person',
              'Personen-ID',
              'Rollen',
              'Aktion',
              'Ergebnis',
              'Objektart',
              'Objekt-ID',
              'Zweck',
              'Anfrage-ID',
              'Adress-Pseudonym',
            ],
          },
        )
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`,
          )
          .send(csv)
      },
    )
  }
