import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { decisionRegisterQuerySchema, RegisterEntry } from '../../../../common/steering.ts'
import type { DB } from '../../../db/schema.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import {
  allPages,
  type ExportColumn,
  type ExportFormat,
  type ListExport,
} from '../../../platform/list-export.ts'
import { recordAuditAlone } from '../../audit/index.ts'
import { listDecisions } from './decision.service.ts'

/** The register's columns, as the register page shows them. */
export const decisionColumns: ExportColumn<RegisterEntry>[] = [
  { header: 'steering.decisions.number', value: (entry) => entry.number },
  { header: 'steering.decisions.text', value: (entry) => entry.text },
  { header: 'steering.register.body', value: (entry) => `${entry.bodyName}: ${entry.meetingTitle}` },
  { header: 'steering.register.decidedOn', value: (entry) => entry.decidedOn, kind: 'date' },
]

/** The register as searched on screen, every page; the download is audited like any export. */
export async function exportDecisions(
  db: Kysely<DB>,
  request: FastifyRequest,
  query: Omit<z.output<typeof decisionRegisterQuerySchema>, 'limit' | 'offset'>,
  format: ExportFormat,
): Promise<ListExport<RegisterEntry>> {
  const actor = actorOf(request)
  const rows = await allPages((offset, limit) => listDecisions(db, actor, { ...query, offset, limit }))
  await recordAuditAlone(db, {
    ...requestContext(request),
    action: 'decision.export',
    purpose: `${format}:${rows.length}`,
  })
  return { sheet: 'steering.register.title', columns: decisionColumns, rows }
}
