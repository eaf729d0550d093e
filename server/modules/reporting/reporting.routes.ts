import type { FastifyPluginAsync } from 'fastify'
import type { AppDeps } from '../../platform/deps.ts'
import { catalogueRoutes } from './catalogue/catalogue.routes.ts'
import { evaluationRoutes } from './evaluations/evaluations.routes.ts'
import { figureRoutes } from './figures/figures.routes.ts'
import { openDataRoutes } from './open-data/open-data.routes.ts'
import { reportRoutes } from './reports/reports.routes.ts'
import { reportingSettingsRoutes } from './settings/settings.routes.ts'
import { stateReportRoutes } from './state-reports/state-report.routes.ts'

/** Every route of reporting, one plugin per feature folder. */
export const reportingRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    await app.register(catalogueRoutes(deps))
    await app.register(figureRoutes(deps))
    await app.register(reportingSettingsRoutes(deps))
    await app.register(evaluationRoutes(deps))
    await app.register(reportRoutes(deps))
    await app.register(stateReportRoutes(deps))
    await app.register(openDataRoutes(deps))
  }
