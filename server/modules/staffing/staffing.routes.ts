import type { FastifyPluginAsync } from 'fastify'
import type { AppDeps } from '../../platform/deps.ts'
import { budgetRoutes } from './budget/budget.routes.ts'
import { caseloadRoutes } from './caseload/caseload.routes.ts'
import { contractRoutes } from './contracts/contract.routes.ts'
import { positionRoutes } from './positions/position.routes.ts'
import { rateRoutes } from './rates/rate.routes.ts'
import { timelineRoutes } from './timeline/timeline.routes.ts'
import { warningRoutes } from './warnings/warning.routes.ts'

/** Every route of staffing and funding, one plugin per feature folder. */
export const staffingRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    await app.register(positionRoutes(deps))
    await app.register(contractRoutes(deps))
    await app.register(rateRoutes(deps))
    await app.register(warningRoutes(deps))
    await app.register(budgetRoutes(deps))
    await app.register(timelineRoutes(deps))
    await app.register(caseloadRoutes(deps))
  }
