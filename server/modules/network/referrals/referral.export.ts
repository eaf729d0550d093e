import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { InboxItem, inboxQuerySchema } from '../../../../common/referral.ts'
import type { DB } from '../../../db/schema.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import {
  allPages,
  type ExportColumn,
  type ExportFormat,
  type ListExport,
} from '../../../platform/list-export.ts'
import { recordAuditAlone } from '../../audit/index.ts'
import { readInbox } from './referral.service.ts'

/**
 * The partner's inbox as its table shows it. The rows are the inbox's own items, so a partner
 * gets nothing more than on screen: the names only where they were shared and only while the
 * consent holds, else the same "no details" the table says; never a case, a birth date or a note.
 */
export const inboxColumns: ExportColumn<InboxItem>[] = [
  {
    header: 'network.inbox.client',
    value: (item) =>
      item.person
        ? [item.person.familyName, item.person.givenNames].filter(Boolean).join(', ')
        : { label: 'network.inbox.withheld' },
  },
  { header: 'network.referrals.purpose', value: (item) => item.purpose, labels: 'network.purposes' },
  { header: 'network.referrals.status', value: (item) => item.status, labels: 'network.referralStatuses' },
  { header: 'network.inbox.received', value: (item) => item.sentAt, kind: 'datetime' },
  {
    header: 'network.inbox.due',
    value: (item) => (item.status === 'accepted' && item.completeBy ? item.completeBy : item.dueOn),
    kind: 'date',
  },
  { header: 'casework.tasks.groupName.overdue', value: (item) => item.overdue },
  { header: 'network.referrals.referredBy', value: (item) => item.referredBy },
]

/** The inbox as filtered on screen (open or all, or one status), audited as `referral.export`. */
export async function exportInbox(
  db: Kysely<DB>,
  request: FastifyRequest,
  query: Omit<z.output<typeof inboxQuerySchema>, 'limit' | 'offset'>,
  format: ExportFormat,
): Promise<ListExport<InboxItem>> {
  const actor = actorOf(request)
  const context = requestContext(request)
  const rows = await allPages((offset, limit) => readInbox(db, actor, { ...query, offset, limit }, context))
  await recordAuditAlone(db, {
    ...context,
    action: 'referral.export',
    subjectType: 'organisation',
    subjectId: actor.organisationId,
    purpose: `${format}:${rows.length}`,
  })
  return { sheet: 'network.inbox.title', columns: inboxColumns, rows }
}
