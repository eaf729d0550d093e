import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  taskInputSchema,
  taskListQuerySchema,
  taskPageSchema,
  taskSchema,
  taskUpdateSchema,
} from '../../../../common/casework.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { ifMatchVersion } from '../../../platform/http.ts'
import { registerListExport } from '../../../platform/list-export.ts'
import { caseParams, problems, tags } from '../casework.http.ts'
import { exportMyTasks } from './task.export.ts'
import { createTask, listCaseTasks, listMyTasks, updateTask } from './task.service.ts'

/** My tasks (Wiedervorlagen), and the tasks of a case. */
export const taskRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/tasks',
      {
        config: { access: 'task.own' },
        schema: {
          tags,
          summary: 'My tasks, one page at a time, with how many are overdue, due today, this week and later',
          querystring: taskListQuerySchema,
          response: { 200: taskPageSchema, ...problems },
        },
      },
      (request) => listMyTasks(db, actorOf(request), request.query, requestContext(request)),
    )
    registerListExport(app, db, {
      path: '/tasks/export',
      access: 'task.own',
      tags,
      summary: 'My tasks as listed',
      querystring: taskListQuerySchema.omit({ limit: true, offset: true }),
      stem: 'wiedervorlagen',
      build: (request, query, format) => exportMyTasks(db, request, query, format),
    })
    app.post(
      '/tasks',
      {
        config: { access: 'task.own' },
        schema: {
          tags,
          summary: 'Create a task',
          body: taskInputSchema,
          response: { 201: taskSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createTask(db, actorOf(request), request.body, requestContext(request))),
    )
    app.put(
      '/tasks/:taskId',
      {
        config: { access: 'task.manage' },
        schema: {
          tags,
          summary: 'Change or complete a task; needs If-Match',
          params: z.object({ taskId: z.uuid() }),
          body: taskUpdateSchema,
          response: { 200: taskSchema, ...problems },
        },
      },
      (request) =>
        updateTask(
          db,
          actorOf(request),
          request.params.taskId,
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        ),
    )
    app.get(
      '/cases/:caseId/tasks',
      {
        config: { access: 'case.read' },
        schema: {
          tags,
          summary: 'Tasks of the case',
          params: caseParams,
          response: { 200: z.array(taskSchema), ...problems },
        },
      },
      (request) => listCaseTasks(db, actorOf(request), request.params.caseId, requestContext(request).now),
    )
  }
