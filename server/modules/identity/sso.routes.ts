import { randomBytes } from 'node:crypto'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { problemSchema } from '../../../common/problem.ts'
import {
  ssoErrorCodes,
  ssoOptionSchema,
  ssoProviderInputSchema,
  ssoSettingsSchema,
} from '../../../common/sso.ts'
import { singleLineText } from '../../../common/text.ts'
import { actorOf, requestContext } from '../../platform/access.ts'
import type { AppDeps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import { ifMatchVersion } from '../../platform/http.ts'
import { problems, setSessionCookie, tags } from './identity.http.ts'
import type { IdentityContext } from './session.service.ts'
import {
  createSsoContext,
  finishSsoLogin,
  listSsoOptions,
  SsoFailure,
  startSsoLogin,
} from './sso-login.service.ts'
import { getSsoSettings, saveSsoProvider } from './sso-settings.service.ts'

const isLoopback = (host: string) => /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host)

/** Ties a sign-in to the browser that started it; only its hash is stored with the sign-in. */
const browserCookieName = (request: FastifyRequest) =>
  request.protocol === 'https' ? '__Host-lotse_sso' : 'lotse_sso'
const browserSecretPattern = /^[A-Za-z0-9_-]{43}$/

function browserSecretOf(request: FastifyRequest): string | undefined {
  const value = request.cookies?.[browserCookieName(request)]
  return value && browserSecretPattern.test(value) ? value : undefined
}

/** Only a path on this site: the sign-in must not become an open redirect. */
const returnToSchema = z
  .string()
  .max(500)
  .regex(/^\/(?![/\\])[^\s\\]*$/, 'a path on this site')

/** Browsers get the login page with a code to explain; API clients get problem+json. */
const wantsPage = (request: FastifyRequest) => (request.headers.accept ?? '').includes('text/html')

/** Single sign-on through the district's OpenID Connect provider, and its configuration. */
export const ssoRoutes =
  (deps: AppDeps, identity: IdentityContext): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    const sso = createSsoContext(identity)

    // One redirect URI for all districts: the pending sign-in knows its district.
    const callbackUrl = (request: FastifyRequest) =>
      `${(deps.config.baseUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '')}/api/auth/sso/callback`

    const refused = (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
      if (error instanceof SsoFailure)
        request.log.warn({ sso: { code: error.code, reason: error.reason } }, 'single sign-on refused')
      if (!(error instanceof DomainError) || !wantsPage(request)) throw error
      const code = (ssoErrorCodes as readonly string[]).includes(error.code) ? error.code : 'sso-failed'
      return reply.redirect(`/?ssoError=${code}`, 303)
    }

    app.get(
      '/auth/sso/providers',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Districts that offer single sign-on, for the login page',
          response: { 200: z.array(ssoOptionSchema), ...problems },
        },
      },
      () => listSsoOptions(sso),
    )
    app.get(
      '/auth/sso/:districtCode/start',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: "Start single sign-on: redirects (302) to the district's identity provider",
          description:
            'Authorisation code flow with PKCE (S256), state and nonce; sets a short-lived HttpOnly cookie that ties the sign-in to this browser.',
          params: z.object({ districtCode: z.string().regex(/^[0-9A-Za-z-]{1,40}$/) }),
          querystring: z.object({ returnTo: returnToSchema.optional() }),
          response: { ...problems, 502: problemSchema },
        },
      },
      async (request, reply) => {
        try {
          const browserSecret = browserSecretOf(request) ?? randomBytes(32).toString('base64url')
          const location = await startSsoLogin(sso, {
            districtCode: request.params.districtCode,
            returnTo: request.query.returnTo ?? '/',
            redirectUri: callbackUrl(request),
            browserSecret,
          })
          reply.setCookie(browserCookieName(request), browserSecret, {
            path: '/',
            httpOnly: true,
            // Lax: the provider's redirect back is a top-level GET, which carries it.
            sameSite: 'lax',
            secure: request.protocol === 'https' || isLoopback(request.host),
            maxAge: 15 * 60,
          })
          return reply.redirect(location, 302)
        } catch (error) {
          return refused(request, reply, error)
        }
      },
    )
    app.get(
      '/auth/sso/callback',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: "The identity provider's redirect back; signs in and redirects to the web app",
          description:
            'Checks state (single use, same browser), nonce, PKCE and the ID token, maps the role claim to roles, opens a session like the password sign-in and redirects (303). Browsers are sent to `/?ssoError=<code>` on refusal; other clients get problem+json.',
          querystring: z.looseObject({
            state: singleLineText().max(1000).optional(),
            code: singleLineText().max(4000).optional(),
            error: singleLineText().max(200).optional(),
          }),
          response: { ...problems, 502: problemSchema },
        },
      },
      async (request, reply) => {
        try {
          const queryStart = request.url.indexOf('?')
          const result = await finishSsoLogin(sso, {
            search: queryStart >= 0 ? request.url.slice(queryStart) : '',
            state: request.query.state,
            browserSecret: browserSecretOf(request),
            clientAddress: request.ip,
            userAgent: request.headers['user-agent'] ?? '',
            requestId: request.id,
          })
          setSessionCookie(request, reply, result.token, deps.config.session.maxHours * 3600)
          reply.clearCookie(browserCookieName(request), { path: '/' })
          return reply.redirect(result.returnTo, 303)
        } catch (error) {
          return refused(request, reply, error)
        }
      },
    )

    app.get(
      '/identity-policy/sso',
      {
        config: { access: 'identity-policy.manage' },
        schema: {
          tags,
          summary:
            "My district's single sign-on provider (never its secret) and the redirect URI to register",
          response: { 200: ssoSettingsSchema, ...problems },
        },
      },
      (request) => getSsoSettings(db, actorOf(request), callbackUrl(request)),
    )
    app.put(
      '/identity-policy/sso',
      {
        config: { access: 'identity-policy.manage' },
        schema: {
          tags,
          summary: "Set my district's single sign-on provider; changing it needs If-Match with the version",
          body: ssoProviderInputSchema,
          response: { 200: ssoSettingsSchema, ...problems },
        },
      },
      (request) =>
        saveSsoProvider(
          db,
          actorOf(request),
          ifMatchVersion(request),
          request.body,
          callbackUrl(request),
          requestContext(request),
        ),
    )
  }
