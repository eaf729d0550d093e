// Value lists of structural obstacles without zod, so that the start page's card can use them
// without pulling the schema library in; obstacles.ts re-exports them.

export const obstacleStatuses = [
  'new',
  'triaged',
  'assigned',
  'measure_agreed',
  'resolved',
  'rejected',
] as const
export type ObstacleStatus = (typeof obstacleStatuses)[number]

/** Which status may follow which: forward one step, or rejected from every open status. */
export const obstacleTransitions: Record<ObstacleStatus, readonly ObstacleStatus[]> = {
  new: ['triaged', 'rejected'],
  triaged: ['assigned', 'rejected'],
  assigned: ['measure_agreed', 'rejected'],
  measure_agreed: ['resolved', 'rejected'],
  resolved: [],
  rejected: [],
}

/** Open obstacles: those the board still works on. */
export const openObstacleStatuses: readonly ObstacleStatus[] = [
  'new',
  'triaged',
  'assigned',
  'measure_agreed',
]
