import type { FastifyPluginAsync } from 'fastify'
import type { AppDeps } from '../../platform/deps.ts'
import { caseRoutes } from './case.routes.ts'
import { caseRecordRoutes } from './case-record.routes.ts'
import { personRoutes } from './person.routes.ts'
import { taskRoutes } from './task.routes.ts'

export const caseWorkRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    await app.register(personRoutes(deps))
    await app.register(caseRoutes(deps))
    await app.register(caseRecordRoutes(deps))
    await app.register(taskRoutes(deps))
  }
