import type { CaseTimelineSource } from '../casework/index.ts'
import { changeTimelineEntries } from './transitions/transition.service.ts'

export { startNetworkJobs } from './network.jobs.ts'
export { networkRoutes } from './network.routes.ts'
export { seedDemoNetwork } from './network.seed.ts'
export { seedDemoTransitions as seedDemoNetworkCases } from './transitions/transition.seed.ts'
export { applyDueChanges } from './transitions/transition.service.ts'

/** The network's entries on the case timeline (case work calls them after authorising `case.read`). */
export const networkTimelineSources: readonly CaseTimelineSource[] = [changeTimelineEntries]
