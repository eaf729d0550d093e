import { z } from 'zod'
import { abilitiesSchema } from './abilities.ts'
import { singleLineText } from './text.ts'

export const roles = [
  'admin',
  'coordinator',
  'team_lead',
  'case_manager',
  'partner',
  'report_reader',
  'dpo',
] as const
export const roleSchema = z.enum(roles)
export type Role = z.infer<typeof roleSchema>

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'letters a–z, digits, dot, dash or underscore; 2 to 64 characters')

/** Length is what makes a password strong; composition rules only make it predictable. */
export const passwordSchema = z.string().min(12, 'at least 12 characters').max(256)

export const loginRequestSchema = z
  .object({
    username: singleLineText().trim().toLowerCase().min(1).max(64),
    password: z.string().min(1).max(256),
    code: singleLineText()
      .trim()
      .min(1)
      .max(20)
      .optional()
      .describe('Second factor: a 6-digit TOTP code or a recovery code'),
  })
  .strict()
  .meta({ id: 'LoginRequest' })

export const sessionUserSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(roleSchema),
    districtId: z.uuid(),
    districtName: z.string(),
    districtTimeZone: z
      .string()
      .describe("IANA zone in which the district counts its days (today, due dates): the web's dates use it"),
    organisationId: z.uuid().nullable(),
    teamIds: z.array(z.uuid()),
  })
  .meta({ id: 'SessionUser' })

export const sessionSchema = z
  .object({
    user: sessionUserSchema,
    csrfToken: z.string(),
    abilities: abilitiesSchema.describe('What the signed-in user may do, for the UI to show or hide'),
    mustEnrolSecondFactor: z
      .boolean()
      .describe('The role requires a second factor not yet set up: only the own account is open'),
    idleExpiresAt: z.iso.datetime(),
    absoluteExpiresAt: z.iso.datetime(),
  })
  .meta({ id: 'Session' })

export const userSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(roleSchema),
    organisationId: z.uuid().nullable(),
    teamIds: z.array(z.uuid()),
    disabled: z.boolean(),
    hasPassword: z.boolean(),
    secondFactor: z.boolean(),
    activeSessions: z.number().int(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    can: abilitiesSchema,
  })
  .meta({ id: 'User' })

export const createUserSchema = z
  .object({
    username: usernameSchema,
    displayName: singleLineText().trim().min(1).max(200),
    roles: z.array(roleSchema).min(1).max(roles.length),
    organisationId: z.uuid().nullable().default(null),
    teamIds: z.array(z.uuid()).max(50).default([]),
    password: passwordSchema,
  })
  .strict()
  .meta({ id: 'CreateUser' })

export const updateUserSchema = z
  .object({
    displayName: singleLineText().trim().min(1).max(200).optional(),
    roles: z.array(roleSchema).min(1).max(roles.length).optional(),
    organisationId: z.uuid().nullable().optional(),
    teamIds: z.array(z.uuid()).max(50).optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'UpdateUser' })

export const changePasswordSchema = z
  .object({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema })
  .strict()
  .meta({ id: 'ChangePassword' })

export const secondFactorStatusSchema = z
  .object({ enabled: z.boolean(), required: z.boolean(), recoveryCodesLeft: z.number().int() })
  .meta({ id: 'SecondFactorStatus' })

export const secondFactorEnrolmentSchema = z
  .object({
    secret: z.string().describe('Base32, for typing into the app by hand'),
    otpauthUrl: z.string(),
    qrCode: z.string().describe('The otpauth URL as an SVG data URL'),
  })
  .meta({ id: 'SecondFactorEnrolment' })

export const secondFactorCodeSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'second-factor-code-format'),
  })
  .strict()
export const recoveryCodesSchema = z
  .object({ recoveryCodes: z.array(z.string()) })
  .meta({ id: 'RecoveryCodes' })
export const passwordConfirmationSchema = z.object({ password: z.string().min(1).max(256) }).strict()
export const secondFactorRolesSchema = z
  .object({ roles: z.array(roleSchema).max(roles.length) })
  .strict()
  .meta({ id: 'SecondFactorRoles' })

export const resetLinkSchema = z
  .object({
    token: z.string().describe('Shown once; the link is <origin>/reset#<token>'),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'ResetLink' })

export const resetPasswordSchema = z
  .object({ token: z.string().min(20).max(100), newPassword: passwordSchema })
  .strict()
  .meta({ id: 'ResetPassword' })

export const ownSessionSchema = z
  .object({
    id: z.string().describe('Public id of the session (not its token)'),
    current: z.boolean(),
    createdAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime(),
    userAgent: z.string().describe('As the browser sent it at sign-in, at most 300 characters'),
    clientPseudonym: z
      .string()
      .describe('Keyed hash of the client address: equal for sessions from the same address'),
  })
  .meta({ id: 'OwnSession' })

export const ownSessionsSchema = z
  .object({
    items: z.array(ownSessionSchema).describe('Open sessions, most recently used first'),
    maxPerUser: z
      .number()
      .int()
      .describe('How many sessions a user may have; a new sign-in ends the ones used longest ago'),
  })
  .meta({ id: 'OwnSessions' })

export const organisationKinds = [
  'jobcenter',
  'agentur_fuer_arbeit',
  'auslaenderbehoerde',
  'sozialamt',
  'jugendamt',
  'schulamt',
  'wohlfahrtsverband',
  'migrationsberatung',
  'integrationsrat',
  'migrantenorganisation',
  'bildungstraeger',
  'kommune',
  'kommunales_integrationszentrum',
] as const
export const legalSpheres = [
  'SGB II',
  'SGB III',
  'SGB VIII',
  'SGB XII',
  'AsylbLG',
  'AufenthG',
  'StAG',
] as const

const teamName = singleLineText().trim().min(1).max(200)

export const teamSchema = z
  .object({ id: z.uuid(), name: z.string(), version: z.number().int(), memberCount: z.number().int() })
  .meta({ id: 'Team' })
export const teamInputSchema = z.object({ name: teamName }).strict().meta({ id: 'TeamChange' })

export const organisationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(organisationKinds),
    legalSpheres: z.array(z.enum(legalSpheres)),
    version: z.number().int(),
    memberCount: z.number().int().describe('Users who act for this organisation (partners)'),
  })
  .meta({ id: 'Organisation' })
export const organisationInputSchema = z
  .object({
    name: teamName,
    kind: z.enum(organisationKinds),
    legalSpheres: z.array(z.enum(legalSpheres)).max(legalSpheres.length).default([]),
  })
  .strict()
  .meta({ id: 'OrganisationChange' })

export type SessionInfo = z.infer<typeof sessionSchema>
export type SessionUser = z.infer<typeof sessionUserSchema>
export type User = z.infer<typeof userSchema>
export type CreateUser = z.infer<typeof createUserSchema>
export type UpdateUser = z.infer<typeof updateUserSchema>
export type OwnSession = z.infer<typeof ownSessionSchema>
export type OwnSessions = z.infer<typeof ownSessionsSchema>
export type ResetLink = z.infer<typeof resetLinkSchema>
export type SecondFactorStatus = z.infer<typeof secondFactorStatusSchema>
export type SecondFactorEnrolment = z.infer<typeof secondFactorEnrolmentSchema>
export type Team = z.infer<typeof teamSchema>
export type Organisation = z.infer<typeof organisationSchema>
export type OrganisationInput = z.infer<typeof organisationInputSchema>
