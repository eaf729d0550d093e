import type { FastifyPluginAsync } from 'fastify'
import type { AppDeps } from '../../platform/deps.ts'
import { bodyRoutes } from './bodies/body.routes.ts'
import { decisionRoutes } from './decisions/decision.routes.ts'
import { goalRoutes } from './goals/goal.routes.ts'
import { meetingRoutes } from './meetings/meeting.routes.ts'
import { obstacleRoutes } from './obstacles/obstacle.routes.ts'
import { overviewRoutes } from './overview/overview.routes.ts'

/** Every route of steering, one plugin per feature folder. */
export const steeringRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    await app.register(bodyRoutes(deps))
    await app.register(meetingRoutes(deps))
    await app.register(decisionRoutes(deps))
    await app.register(overviewRoutes(deps))
    await app.register(goalRoutes(deps))
    await app.register(obstacleRoutes(deps))
  }
