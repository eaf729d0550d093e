export { steeringActivity } from './activity/activity.service.ts'
export {
  type GoalMetric,
  goalFigure,
  goalFigureDimensions,
  goalMetrics,
  goalsOfPeriod,
} from './goals/goal-figures.service.ts'
export { steeringRoutes } from './steering.routes.ts'
export { seedDemoSteering } from './steering.seed.ts'
