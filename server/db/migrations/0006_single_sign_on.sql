-- Single sign-on through OpenID Connect: at most one identity provider per district, the link
-- from a provider's subject to a Lotse user, and sign-ins in progress.

CREATE TABLE sso_provider (
  district_id uuid PRIMARY KEY REFERENCES district (id),
  -- Shown on the login page: "Anmelden mit <label>".
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
  issuer text NOT NULL CHECK (issuer ~ '^https?://'),
  client_id text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 300),
  -- Write-only through the API; NULL for a public client that relies on PKCE alone.
  client_secret text,
  scopes text NOT NULL DEFAULT 'openid profile email',
  -- Where the roles come from, as a claim name or a dotted path (groups, realm_access.roles).
  role_claim text NOT NULL DEFAULT 'groups',
  username_claim text NOT NULL DEFAULT 'preferred_username',
  -- [{ "value": "lotse-admins", "roles": ["admin"], "teamIds": [] }, ...]
  role_mappings jsonb NOT NULL DEFAULT '[]',
  -- On first sign-in, link to the district's user with the same username.
  link_by_username boolean NOT NULL DEFAULT false,
  -- On first sign-in, create a user when none is linked.
  create_users boolean NOT NULL DEFAULT false,
  enabled boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
SELECT lotse_isolate_tenant_table('sso_provider');

-- The provider's account a user signs in with: issuer and subject (the stable "sub" claim).
ALTER TABLE app_user
  ADD COLUMN sso_issuer text,
  ADD COLUMN sso_subject text,
  ADD CONSTRAINT app_user_sso_link_check CHECK ((sso_issuer IS NULL) = (sso_subject IS NULL));
CREATE UNIQUE INDEX app_user_sso_idx ON app_user (district_id, sso_issuer, sso_subject)
  WHERE sso_subject IS NOT NULL;

-- How a session was opened: an SSO session trusts the provider's own second factor.
ALTER TABLE session
  ADD COLUMN auth_method text NOT NULL DEFAULT 'password' CHECK (auth_method IN ('password', 'sso'));

-- A sign-in between the redirect to the provider and its answer; used once, then deleted.
CREATE TABLE sso_login (
  -- SHA-256 of the state parameter.
  state_hash text PRIMARY KEY,
  district_id uuid NOT NULL REFERENCES district (id),
  -- SHA-256 of the HttpOnly cookie that ties the sign-in to the browser that started it.
  browser_hash text NOT NULL,
  nonce text NOT NULL,
  -- The PKCE verifier never leaves the server; only its S256 challenge goes to the provider.
  code_verifier text NOT NULL,
  redirect_uri text NOT NULL,
  return_to text NOT NULL DEFAULT '/',
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sso_login_expires_idx ON sso_login (expires_at);
SELECT lotse_isolate_tenant_table('sso_login');
