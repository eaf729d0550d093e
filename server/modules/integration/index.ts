export { runDueDeliveries, startIntegrationJobs } from './delivery.job.ts'
export { type EventPayloads, publishEvent } from './events.ts'
export { verifySignature } from './signature.ts'
export { webhookRoutes as integrationRoutes } from './webhook.routes.ts'
