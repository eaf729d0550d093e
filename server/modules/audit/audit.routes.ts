import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { auditPageSchema, auditQuerySchema } from '../../../common/audit.ts'
import { problemSchema } from '../../../common/problem.ts'
import { actorOf, requestContext } from '../../platform/access.ts'
import { csvDownloadHeaders } from '../../platform/csv.ts'
import type { AppDeps } from '../../platform/deps.ts'
import { districtTime } from '../../platform/district-time.ts'
import { preferredLanguage } from '../../platform/language.ts'
import { registerListExport } from '../../platform/list-export.ts'
import { auditColumns } from './audit.export.ts'
import {
  type ActorNames,
  auditExportLimit,
  exportAuditCsv,
  exportAuditEvents,
  listAuditEvents,
} from './audit.service.ts'

const tags = ['Audit']
const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema }

export const auditRoutes =
  (deps: AppDeps, actorNames: ActorNames): FastifyPluginAsync =>
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
      (request) => {
        const { limit, offset, ...filter } = request.query
        return listAuditEvents(db, actorOf(request), filter, { limit, offset }, actorNames)
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
        const { today } = await districtTime(db, actorOf(request).districtId, requestContext(request).now)
        const csv = await exportAuditCsv(
          db,
          actorOf(request),
          request.query,
          requestContext(request),
          actorNames,
          preferredLanguage(request),
        )
        return reply.headers(csvDownloadHeaders('audit', today)).send(csv)
      },
    )
    // The CSV above keeps every field raw; the XLSX is the page's table, with the page's filters.
    registerListExport(app, db, {
      path: '/audit/export',
      formats: ['xlsx'],
      maxRows: auditExportLimit,
      access: 'audit.export',
      tags,
      summary: 'The filtered audit trail as the audit page lists it',
      querystring: auditQuerySchema.omit({ limit: true, offset: true }),
      stem: 'audit',
      build: async (request, query) => ({
        sheet: 'audit.title',
        columns: auditColumns,
        rows: await exportAuditEvents(db, actorOf(request), query, requestContext(request), actorNames),
      }),
    })
  }
