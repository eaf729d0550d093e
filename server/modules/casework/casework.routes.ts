import type { FastifyPluginAsync } from 'fastify'
import type { AppDeps } from '../../platform/deps.ts'
import { caseRecordRoutes } from './case-record.routes.ts'
import { caseRoutes } from './cases/case.routes.ts'
import { personRoutes } from './persons/person.routes.ts'
import { taskRoutes } from './tasks/task.routes.ts'

export const caseWorkRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    await app.register(personRoutes(deps))
    await app.register(caseRoutes(deps))
    await app.register(caseRecordRoutes(deps))
    await app.register(taskRoutes(deps))
  }
