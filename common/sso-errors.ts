// Without zod, so that the sign-in page can name these codes without loading the schema library.

/** Codes the callback hands to the login page (`/?ssoError=<code>`) when a sign-in fails. */
export const ssoErrorCodes = [
  'sso-unavailable',
  'sso-state-invalid',
  'sso-failed',
  'sso-provider-unreachable',
  'sso-no-role',
  'sso-no-account',
  'sso-account-disabled',
  'sso-account-unavailable',
  'sso-username-unavailable',
] as const
export type SsoErrorCode = (typeof ssoErrorCodes)[number]
