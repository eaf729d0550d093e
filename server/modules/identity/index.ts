export { resolveApiToken } from './api-token.service.ts'
export {
  type ActiveUser,
  activeUsers,
  activeUsersWithRole,
  displayNames,
  districtOrganisations,
  districtTeams,
  type OrganisationFacts,
  organisationDistrict,
  organisationNames,
  teamNames,
  type UserProfile,
  userProfiles,
  usersByUsername,
} from './directory.service.ts'
export { identityRoutes, sessionCookieName } from './identity.routes.ts'
export { type DemoIdentitiesResult, demoOrganisationNames, seedDemoIdentities } from './identity.seed.ts'
export {
  createIdentityContext,
  type IdentityContext,
  resolveSession,
  SessionCache,
} from './session.service.ts'
