import type { FastifyPluginAsync } from 'fastify'
import type { AppDeps } from '../../platform/deps.ts'
import { assessmentRoutes } from './assessments/assessment.routes.ts'
import { breakGlassRoutes } from './break-glass/break-glass.routes.ts'
import { caseRoutes } from './cases/case.routes.ts'
import { contactRoutes } from './contacts/contact.routes.ts'
import { documentRoutes } from './documents/document.routes.ts'
import { personRoutes } from './persons/person.routes.ts'
import { planRoutes } from './plan/plan.routes.ts'
import { settingsRoutes } from './settings/settings.routes.ts'
import { taskRoutes } from './tasks/task.routes.ts'
import { timelineRoutes } from './timeline/timeline.routes.ts'
import type { CaseTimelineSource } from './timeline/timeline.service.ts'

export type CaseWorkExtensions = {
  /** Other modules' entries on the case timeline. */
  timelineSources?: readonly CaseTimelineSource[]
}

import { viewRoutes } from './views/view.routes.ts'

/** Every route of case work, one plugin per feature folder. */
export const caseWorkRoutes =
  (deps: AppDeps, extensions: CaseWorkExtensions = {}): FastifyPluginAsync =>
  async (app) => {
    await app.register(personRoutes(deps))
    await app.register(caseRoutes(deps))
    await app.register(breakGlassRoutes(deps))
    await app.register(viewRoutes(deps))
    await app.register(settingsRoutes(deps))
    await app.register(timelineRoutes(deps, extensions.timelineSources ?? []))
    await app.register(assessmentRoutes(deps))
    await app.register(planRoutes(deps))
    await app.register(contactRoutes(deps))
    await app.register(taskRoutes(deps))
    await app.register(documentRoutes(deps))
  }
