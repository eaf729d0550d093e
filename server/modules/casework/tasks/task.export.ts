import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { Task, taskListQuerySchema } from '../../../../common/casework.ts'
import type { DB } from '../../../db/schema.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import {
  allPages,
  type ExportColumn,
  type ExportFormat,
  type ListExport,
} from '../../../platform/list-export.ts'
import { recordAuditAlone } from '../../audit/index.ts'
import { listMyTasks } from './task.service.ts'

/** The task list's facts, by the labels the task form and list use. */
export const taskColumns: ExportColumn<Task>[] = [
  { header: 'casework.tasks.titleField', value: (task) => task.title },
  { header: 'casework.tasks.dueOn', value: (task) => task.dueOn, kind: 'date' },
  {
    header: 'casework.fields.persons',
    value: (task) => (task.person ? `${task.person.familyName}, ${task.person.givenNames}` : null),
  },
  { header: 'casework.fields.reference', value: (task) => task.caseReference },
  { header: 'casework.tasks.assignee', value: (task) => task.assigneeName },
  { header: 'casework.tasks.done', value: (task) => task.doneAt, kind: 'datetime' },
]

/** My tasks as listed (open or all); names of clients in it make it a bulk export of personal data. */
export async function exportMyTasks(
  db: Kysely<DB>,
  request: FastifyRequest,
  query: Omit<z.output<typeof taskListQuerySchema>, 'limit' | 'offset'>,
  format: ExportFormat,
): Promise<ListExport<Task>> {
  const actor = actorOf(request)
  const context = requestContext(request)
  const rows = await allPages((offset, limit) => listMyTasks(db, actor, { ...query, offset, limit }, context))
  await recordAuditAlone(db, { ...context, action: 'task.export', purpose: `${format}:${rows.length}` })
  return { sheet: 'casework.tasks.title', columns: taskColumns, rows }
}
