import { z } from 'zod'
import { type SsoErrorCode, ssoErrorCodes } from './sso-errors.ts'
import { singleLineText } from './text.ts'

/**
 * Roles an identity provider may hand out. Partners act for one partner organisation and are
 * managed in Lotse with their organisation; the district's provider does not assign them.
 */
export const ssoRoles = ['admin', 'coordinator', 'team_lead', 'case_manager', 'report_reader', 'dpo'] as const
export const ssoRoleSchema = z.enum(ssoRoles)

const loopbackHosts = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/

/**
 * HTTPS, or plain HTTP to this machine only (a provider on the same host, development, tests):
 * tokens never cross a network unencrypted.
 */
export function isAcceptableIssuer(issuer: string): boolean {
  try {
    const url = new URL(issuer)
    return url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHosts.test(url.hostname))
  } catch {
    return false
  }
}

const claimName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\s]+$/, 'no spaces')

export const ssoRoleMappingSchema = z
  .object({
    value: singleLineText().trim().min(1).max(300).describe('A value of the role claim, e.g. a group name'),
    roles: z.array(ssoRoleSchema).min(1).max(ssoRoles.length),
    teamIds: z.array(z.uuid()).max(50).default([]).describe('Teams the user belongs to through this value'),
  })
  .strict()
  .meta({ id: 'SsoRoleMapping' })

export const ssoProviderInputSchema = z
  .object({
    label: singleLineText().trim().min(1).max(100).describe('Shown on the login page: "Anmelden mit …"'),
    issuer: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .refine(isAcceptableIssuer, 'https-required')
      .describe('Issuer identifier, e.g. https://login.kreis.de/realms/lotse (Keycloak realm)'),
    clientId: singleLineText().trim().min(1).max(300),
    clientSecret: z
      .string()
      .min(1)
      .max(1000)
      .nullable()
      .optional()
      .describe('Write-only. Absent: keep the stored secret; null: none (public client, PKCE only)'),
    scopes: z
      .string()
      .trim()
      .max(500)
      .regex(/^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/, 'space-separated scopes')
      .refine((scopes) => scopes.split(' ').includes('openid'), 'openid-scope-required')
      .default('openid profile email'),
    roleClaim: claimName
      .default('groups')
      .describe('Claim with the groups or roles; a dotted path reaches nested claims (realm_access.roles)'),
    usernameClaim: claimName.default('preferred_username'),
    roleMappings: z.array(ssoRoleMappingSchema).max(100),
    linkByUsername: z
      .boolean()
      .default(false)
      .describe('First sign-in: link to the user of this district with the same username'),
    createUsers: z.boolean().default(false).describe('First sign-in: create a user when none is linked'),
    enabled: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'SsoProviderChange' })

export const ssoProviderSchema = z
  .object({
    label: z.string(),
    issuer: z.string(),
    clientId: z.string(),
    clientSecretSet: z.boolean().describe('The secret itself is never returned'),
    scopes: z.string(),
    roleClaim: z.string(),
    usernameClaim: z.string(),
    roleMappings: z.array(ssoRoleMappingSchema),
    linkByUsername: z.boolean(),
    createUsers: z.boolean(),
    enabled: z.boolean(),
    version: z.number().int(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'SsoProvider' })

export const ssoSettingsSchema = z
  .object({
    callbackUrl: z.string().describe('The redirect URI to register at the identity provider'),
    provider: ssoProviderSchema.nullable(),
  })
  .meta({ id: 'SsoSettings' })

export const ssoOptionSchema = z
  .object({ districtCode: z.string(), districtName: z.string(), label: z.string() })
  .meta({ id: 'SsoOption' })

export { type SsoErrorCode, ssoErrorCodes }

export type SsoRoleMapping = z.infer<typeof ssoRoleMappingSchema>
export type SsoProviderInput = z.input<typeof ssoProviderInputSchema>
export type SsoProviderChange = z.infer<typeof ssoProviderInputSchema>
export type SsoProvider = z.infer<typeof ssoProviderSchema>
export type SsoSettings = z.infer<typeof ssoSettingsSchema>
export type SsoOption = z.infer<typeof ssoOptionSchema>
