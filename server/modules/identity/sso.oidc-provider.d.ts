/** The few parts of oidc-provider (no bundled types) that the single sign-on tests use. */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  export type AccountClaims = { sub: string; [claim: string]: unknown }
  export type Account = {
    accountId: string
    claims(use: string, scope: string): AccountClaims | Promise<AccountClaims>
  }
  export type Configuration = {
    clients?: Record<string, unknown>[]
    findAccount?: (ctx: unknown, sub: string) => Account | undefined | Promise<Account | undefined>
    claims?: Record<string, string[] | null>
    cookies?: { keys?: string[] }
    features?: Record<string, unknown>
    pkce?: { required?: () => boolean }
    [setting: string]: unknown
  }
  export class Provider {
    constructor(issuer: string, configuration?: Configuration)
    /** A Node.js request listener (the provider is a Koa application). */
    callback(): (request: IncomingMessage, response: ServerResponse) => void
  }
  export default Provider
}
