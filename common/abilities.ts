import { z } from 'zod'

/**
 * The names of everything the policy decides (server/platform/policy.ts holds the rules). Shared
 * so that the web reads abilities by typed keys (`abilities['case.work']`) instead of strings.
 */
export const actions = [
  'district.read',
  'session.own',
  'user.read',
  'user.manage',
  'organisation.read',
  'organisation.manage',
  'audit.read',
  'audit.export',
  'identity-policy.manage',
  'person.register',
  'person.read',
  'person.update',
  'person.merge',
  'case.list',
  'case.create',
  'case.read',
  'case.work',
  'case.record',
  'case.assign',
  // Opening a case outside one's caseload with a stated reason (decision 0021).
  'case.break-glass',
  'short-consultation.record',
  'task.own',
  'task.manage',
  'casework-settings.manage',
  'legal-sphere-change.list',
  'legal-sphere-change.figure',
  'case-conference.list',
  'network.read',
  'directory.edit',
  'service.edit',
  'overlap.decide',
  'consent.manage',
  'consent.revoke',
  'referral.inbox',
  'referral.open',
  'referral.answer',
  'referral.review',
  'steering.read',
  'steering.manage',
  'decision.read',
  'staffing.read',
  'staffing.manage',
  'contract.read',
  'goal-agreement.read',
  'obstacle.raise',
  'figures.read',
  'reporting-settings.manage',
  'evaluation.manage',
  'reporting.start-page',
  'report.read',
  'report.manage',
  'state-report.export',
  // Retention and erasure (privacy/retention, privacy/erasure).
  'retention.manage',
  'legal-hold.read',
  'legal-hold.set',
  'legal-hold.lift',
  'person.erase',
  'privacy-request.handle',
  'processing-record.read',
  'processing-record.manage',
  // Review of accesses: who read which case or person, and the flags (decision 0021).
  'access-review.read',
  'access-review.decide',
  // Import of case lists (server/modules/import).
  'import.manage',
  // Integrations (identity/api-tokens, integration/): API tokens, webhooks, the district export.
  'api-token.manage',
  'webhook.manage',
  'district.export',
] as const
export type Action = (typeof actions)[number]

/**
 * What an actor may do, by action: the session's general abilities and those of one record (a case,
 * a person, a user). Keyed by the action names, so a misspelt ability fails to compile in the web.
 */
export const abilitiesSchema = z.partialRecord(z.enum(actions), z.boolean()).meta({ id: 'Abilities' })
export type Abilities = z.infer<typeof abilitiesSchema>
