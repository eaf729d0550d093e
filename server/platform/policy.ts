import { type Role, roles } from '../../common/identity.ts'
import { Forbidden, HiddenByPolicy } from './errors.ts'

/** Who is acting: resolved from the session for every request. */
export type Actor = {
  userId: string
  districtId: string
  organisationId: string | null
  roles: readonly Role[]
  teamIds: readonly string[]
  /** Signed in with a role that needs a second factor they have not set up yet: own account only. */
  mustEnrolSecondFactor?: boolean
}

/** What an action is about. Each kind names the facts the rules need, never more. */
export type Subject =
  | { type: 'district'; districtId: string }
  | { type: 'user'; districtId: string; userId: string }
  | { type: 'audit'; districtId: string }

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
] as const
export type Action = (typeof actions)[number]

// Small named predicates; the rules below are built only from these.
const hasRole = (actor: Actor, ...wanted: Role[]) => wanted.some((role) => actor.roles.includes(role))
const sameDistrict = (actor: Actor, subject: { districtId: string }) =>
  actor.districtId === subject.districtId
const isSelf = (actor: Actor, subject: { userId: string }) => actor.userId === subject.userId

type Rule = (actor: Actor, subject: Subject | undefined) => boolean

const rules: Record<Action, Rule> = {
  'district.read': (actor, subject) => subject?.type === 'district' && sameDistrict(actor, subject),
  'session.own': () => true,
  'user.read': (actor, subject) =>
    subject?.type === 'user' &&
    sameDistrict(actor, subject) &&
    (isSelf(actor, subject) || hasRole(actor, 'admin', 'dpo')),
  'user.manage': (actor, subject) =>
    subject?.type === 'user' && sameDistrict(actor, subject) && hasRole(actor, 'admin'),
  'organisation.manage': (actor, subject) =>
    subject?.type === 'district' && sameDistrict(actor, subject) && hasRole(actor, 'admin'),
  'organisation.read': (actor, subject) => subject?.type === 'district' && sameDistrict(actor, subject),
  'audit.read': (actor, subject) =>
    subject?.type === 'audit' && sameDistrict(actor, subject) && hasRole(actor, 'admin', 'dpo'),
  'identity-policy.manage': (actor, subject) =>
    subject?.type === 'district' && sameDistrict(actor, subject) && hasRole(actor, 'admin'),
  'audit.export': (actor, subject) =>
    subject?.type === 'audit' && sameDistrict(actor, subject) && hasRole(actor, 'dpo', 'admin'),
}

/** Deny by default: an action without a rule, or a rule that does not say yes, is refused. */
export function can(actor: Actor, action: Action, subject?: Subject): boolean {
  if (actor.mustEnrolSecondFactor && action !== 'session.own') return false
  const rule = rules[action]
  return rule ? rule(actor, subject) : false
}

/**
 * Throws unless allowed. Outside the actor's district the answer is "not found", so that
 * nobody learns a record exists; inside it, a plain refusal.
 */
export function authorize(actor: Actor, action: Action, subject: Subject): void {
  if (can(actor, action, subject)) return
  if (!sameDistrict(actor, subject)) throw new HiddenByPolicy()
  throw new Forbidden(action)
}

/** The abilities the UI needs to show or hide controls for a subject. */
export function abilitiesFor(
  actor: Actor,
  subject: Subject,
  wanted: readonly Action[],
): Record<string, boolean> {
  return Object.fromEntries(wanted.map((action) => [action, can(actor, action, subject)]))
}

/** A subject of each kind in the actor's district that is not the actor's own, for general abilities. */
function genericSubject(action: Action, actor: Actor): Subject {
  if (action.startsWith('user.')) return { type: 'user', districtId: actor.districtId, userId: '' }
  if (action.startsWith('audit.')) return { type: 'audit', districtId: actor.districtId }
  return { type: 'district', districtId: actor.districtId }
}

/** What the actor may do in their district in general: sent with the session so the UI can hide the rest. */
export function districtAbilities(actor: Actor): Record<Action, boolean> {
  return Object.fromEntries(
    actions.map((action) => [action, can(actor, action, genericSubject(action, actor))]),
  ) as Record<Action, boolean>
}

export const allRoles: readonly Role[] = roles

/** The role × action table for docs/permissions.md, from the same rules. */
export function permissionTable(): { action: Action; roles: Record<Role, boolean> }[] {
  const abilitiesByRole = allRoles.map((role) => ({
    role,
    abilities: districtAbilities({
      userId: 'me',
      districtId: 'd',
      organisationId: null,
      roles: [role],
      teamIds: [],
    }),
  }))
  return actions.map((action) => ({
    action,
    roles: Object.fromEntries(
      abilitiesByRole.map(({ role, abilities }) => [role, abilities[action]]),
    ) as Record<Role, boolean>,
  }))
}
