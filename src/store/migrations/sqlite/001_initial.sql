-- Authly schema, SQLite flavour. Timestamps are unix seconds (BIGINT), booleans INTEGER 0/1, lists
-- JSON arrays of strings in TEXT. schema_migrations is created by the migrator itself, before this
-- file runs, so that this file's own version can be recorded in the same transaction.
-- The migrator splits files at ';' outside quotes and comments: no trigger bodies here.

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL CHECK (username <> ''),
  email TEXT NOT NULL DEFAULT '',
  email_verified INTEGER NOT NULL DEFAULT 0,
  password_hash TEXT NOT NULL DEFAULT '',
  given_name TEXT NOT NULL DEFAULT '',
  family_name TEXT NOT NULL DEFAULT '',
  is_admin INTEGER NOT NULL DEFAULT 0,
  is_active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  last_login_at BIGINT
);
-- Case-insensitive uniqueness. SQLite's lower() folds ASCII only (PostgreSQL's folds Unicode).
CREATE UNIQUE INDEX users_username_lower ON users (lower(username));
-- E-mail is optional: many users may have none, but two may not share one.
CREATE UNIQUE INDEX users_email_lower ON users (lower(email)) WHERE email <> '';

CREATE TABLE clients (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL CHECK (type IN ('confidential', 'public')),
  secret_hash TEXT NOT NULL DEFAULT '',
  redirect_uris TEXT NOT NULL DEFAULT '[]',
  post_logout_redirect_uris TEXT NOT NULL DEFAULT '[]',
  grant_types TEXT NOT NULL DEFAULT '[]',
  scope TEXT NOT NULL DEFAULT '',
  token_endpoint_auth_method TEXT NOT NULL,
  jwks_uri TEXT NOT NULL DEFAULT '',
  jwks TEXT NOT NULL DEFAULT '',
  backchannel_logout_uri TEXT NOT NULL DEFAULT '',
  id_token_signed_response_alg TEXT NOT NULL,
  subject_type TEXT NOT NULL,
  sector_identifier_uri TEXT NOT NULL DEFAULT '',
  require_consent INTEGER NOT NULL DEFAULT 1,
  is_active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  secret_rotated_at BIGINT
);

CREATE TABLE scopes (
  name TEXT PRIMARY KEY,
  description TEXT NOT NULL DEFAULT '',
  is_default INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);

-- user_id is NULL (not '') when there is no user, so that the foreign key holds.
CREATE TABLE authorization_codes (
  code_hash TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
  redirect_uri TEXT NOT NULL DEFAULT '',
  scope TEXT NOT NULL DEFAULT '',
  code_challenge TEXT NOT NULL DEFAULT '',
  code_challenge_method TEXT NOT NULL DEFAULT '',
  nonce TEXT NOT NULL DEFAULT '',
  session_id TEXT NOT NULL DEFAULT '',
  claims TEXT NOT NULL DEFAULT '',
  family_id TEXT NOT NULL DEFAULT '',
  auth_time BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  consumed_at BIGINT
);
CREATE INDEX authorization_codes_expires_at ON authorization_codes (expires_at);
CREATE INDEX authorization_codes_client_id ON authorization_codes (client_id);
CREATE INDEX authorization_codes_user_id ON authorization_codes (user_id);

-- session_id has no foreign key: offline tokens outlive the browser session.
CREATE TABLE refresh_tokens (
  token_hash TEXT PRIMARY KEY,
  family_id TEXT NOT NULL,
  parent_hash TEXT NOT NULL DEFAULT '',
  client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
  scope TEXT NOT NULL DEFAULT '',
  session_id TEXT NOT NULL DEFAULT '',
  offline INTEGER NOT NULL DEFAULT 0,
  auth_time BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  idle_expires_at BIGINT NOT NULL,
  rotated_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX refresh_tokens_family_id ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_session_id ON refresh_tokens (session_id);
CREATE INDEX refresh_tokens_user_id ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_client_id ON refresh_tokens (client_id);
CREATE INDEX refresh_tokens_expires_at ON refresh_tokens (expires_at);
CREATE INDEX refresh_tokens_idle_expires_at ON refresh_tokens (idle_expires_at);

CREATE TABLE denied_access_tokens (
  jti TEXT PRIMARY KEY,
  expires_at BIGINT NOT NULL
);
CREATE INDEX denied_access_tokens_expires_at ON denied_access_tokens (expires_at);

CREATE TABLE signing_keys (
  kid TEXT PRIMARY KEY,
  alg TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('next', 'active', 'retired')),
  public_jwk TEXT NOT NULL,
  private_key_enc TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  activated_at BIGINT,
  retired_at BIGINT,
  remove_after BIGINT
);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  sid TEXT NOT NULL,
  amr TEXT NOT NULL DEFAULT '',
  acr TEXT NOT NULL DEFAULT '',
  auth_time BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  ended_at BIGINT
);
CREATE UNIQUE INDEX sessions_sid ON sessions (sid);
CREATE INDEX sessions_user_id ON sessions (user_id);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE consents (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  scope TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, client_id)
);
CREATE INDEX consents_client_id ON consents (client_id);

-- No foreign keys: the audit trail outlives the users and clients it mentions.
CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at BIGINT NOT NULL,
  type TEXT NOT NULL,
  actor TEXT NOT NULL DEFAULT '',
  subject TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_at ON audit_events (at);
