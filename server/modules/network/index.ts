export { networkRoutes } from './network.routes.ts'
export { seedDemoNetwork } from './network.seed.ts'
