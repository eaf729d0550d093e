import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

/** An account at the test identity provider; its key is what one types at its login form. */
export type ProviderAccount = {
  preferred_username?: string
  name?: string
  groups?: string[]
}

export type TestIdentityProvider = {
  issuer: string
  accounts: Map<string, ProviderAccount>
  /**
   * Signs in at the provider as a fresh browser would: follows the authorisation URL, fills in
   * the login form, confirms the consent form, and answers the redirect back to the client.
   * With `cancel`, the person presses "Cancel" at the login form instead.
   */
  authorize(authorizationUrl: string, accountId: string, options?: { cancel?: boolean }): Promise<URL>
  close(): Promise<void>
}

/**
 * A real OpenID provider (node-oidc-provider) on an ephemeral localhost port, with one
 * confidential client, its development login and consent pages, and a `groups` scope and claim.
 */
export async function startTestIdentityProvider(client: {
  clientId: string
  clientSecret: string
  redirectUri: string
}): Promise<TestIdentityProvider> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const accounts = new Map<string, ProviderAccount>()
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [client.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], groups: ['groups'] },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub)
      return account ? { accountId: sub, claims: () => ({ ...account, sub }) } : undefined
    },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
  })
  server.on('request', provider.callback())

  async function authorize(
    authorizationUrl: string,
    accountId: string,
    options: { cancel?: boolean } = {},
  ): Promise<URL> {
    const cookies = new Map<string, string>()
    let next: { url: URL; form?: URLSearchParams } = { url: new URL(authorizationUrl) }
    for (let step = 0; step < 20; step++) {
      const response = await fetch(next.url, {
        method: next.form ? 'POST' : 'GET',
        redirect: 'manual',
        headers: {
          cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
          ...(next.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(next.form ? { body: next.form.toString() } : {}),
      })
      for (const line of response.headers.getSetCookie()) {
        const [pair = '', ...attributes] = line.split(';')
        const name = pair.slice(0, pair.indexOf('='))
        const value = pair.slice(pair.indexOf('=') + 1)
        const expired = attributes.some((attribute) => /^\s*expires=.*1970/i.test(attribute))
        if (!value || expired) cookies.delete(name)
        else cookies.set(name, value)
      }
      const location = response.headers.get('location')
      if (response.status >= 300 && response.status < 400 && location) {
        await response.arrayBuffer()
        const target = new URL(location, next.url)
        if (target.origin !== issuer) return target
        next = { url: target }
        continue
      }
      const page = await response.text()
      if (response.status !== 200)
        throw new Error(
          `provider answered ${response.status}: ${page
            .replace(/<style[\s\S]*?<\/style>|<[^>]+>/g, ' ')
            .replace(/\s+/g, ' ')
            .trim()}`,
        )
      const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1]
      const prompt = /name="prompt" value="([^"]+)"/.exec(page)?.[1]
      if (!action || !prompt) throw new Error(`no form on the provider's page: ${page.slice(0, 500)}`)
      const cancel = /<a href="([^"]+)">\[ Cancel \]<\/a>/.exec(page)?.[1]
      if (options.cancel && cancel) {
        next = { url: new URL(cancel.replaceAll('&amp;', '&'), next.url) }
        continue
      }
      const form = new URLSearchParams({ prompt })
      if (prompt === 'login') {
        form.set('login', accountId)
        form.set('password', 'whatever the development login takes')
      }
      next = { url: new URL(action.replaceAll('&amp;', '&'), next.url), form }
    }
    throw new Error('the provider did not send the browser back')
  }

  return {
    issuer,
    accounts,
    authorize,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
