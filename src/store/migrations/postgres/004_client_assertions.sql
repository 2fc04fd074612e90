-- RFC 7523 §3 item 7 / OIDC Core §9: a client assertion's jti is accepted once per client. Rows stay
-- until the assertion has expired (purged with the access-token deny-list).
CREATE TABLE client_assertions (
  client_id TEXT NOT NULL,
  jti TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (client_id, jti)
);
CREATE INDEX client_assertions_expires_at ON client_assertions (expires_at);

-- Access tokens are not stored (DESIGN.md §4); only the jti of each one issued for an authorization
-- code or refresh family is kept, so that a code replay (RFC 6749 §4.1.2) or a refresh-token reuse
-- (RFC 9700 §4.14.2) can put them on the deny-list. Rows stay until the access token has expired.
CREATE TABLE family_access_tokens (
  jti TEXT PRIMARY KEY,
  family_id TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX family_access_tokens_family_id ON family_access_tokens (family_id);
CREATE INDEX family_access_tokens_expires_at ON family_access_tokens (expires_at);
