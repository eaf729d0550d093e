export { steeringRoutes } from './steering.routes.ts'
export { seedDemoSteering } from './steering.seed.ts'
