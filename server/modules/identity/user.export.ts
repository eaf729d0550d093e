import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { User } from '../../../common/identity.ts'
import type { DB } from '../../db/schema.ts'
import { actorOf, requestContext } from '../../platform/access.ts'
import {
  allPages,
  type ExportColumn,
  type ExportFormat,
  type ListExport,
} from '../../platform/list-export.ts'
import { recordAuditAlone } from '../audit/index.ts'
import { listUsers } from './user.service.ts'

/** The user administration's table; its status cell is three columns here. */
export const userColumns: ExportColumn<User>[] = [
  { header: 'users.displayName', value: (user) => user.displayName },
  { header: 'users.username', value: (user) => user.username },
  { header: 'users.roles', value: (user) => user.roles, labels: 'roles' },
  { header: 'users.disabled', value: (user) => user.disabled },
  { header: 'users.secondFactorOn', value: (user) => user.secondFactor },
  { header: 'users.activeSessions', value: (user) => user.activeSessions },
  { header: 'users.createdAt', value: (user) => user.createdAt, kind: 'datetime' },
]

/** The district's users as searched on screen; staff data, audited as `user.export`. */
export async function exportUsers(
  db: Kysely<DB>,
  request: FastifyRequest,
  query: { q?: string | undefined },
  format: ExportFormat,
): Promise<ListExport<User>> {
  const actor = actorOf(request)
  const rows = await allPages((offset, limit) => listUsers(db, actor, { ...query, offset, limit }))
  await recordAuditAlone(db, {
    ...requestContext(request),
    action: 'user.export',
    purpose: `${format}:${rows.length}`,
  })
  return { sheet: 'users.title', columns: userColumns, rows }
}
