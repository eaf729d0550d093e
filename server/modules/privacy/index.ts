export { disclosureRoutes } from './disclosure/disclosure.routes.ts'
export { processingRecordRoutes } from './processing-record/processing-record.routes.ts'
export { restrictionRoutes } from './restriction/restriction.routes.ts'
