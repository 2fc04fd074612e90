-- OpenID Connect (OIDC Core 1.0 §5.1, Back-Channel Logout 1.0).
-- users.profile: the standard claims that have no column of their own (name, middle_name, nickname,
-- profile, picture, website, gender, birthdate, zoneinfo, locale, phone_number,
-- phone_number_verified, address), as one JSON object.
ALTER TABLE users ADD COLUMN profile TEXT NOT NULL DEFAULT '{}';

-- What a refreshed ID token repeats from the original authentication (OIDC Core §12.2): the
-- session's public id, the authentication context and methods, and the `claims` request parameter.
ALTER TABLE refresh_tokens ADD COLUMN sid TEXT NOT NULL DEFAULT '';
ALTER TABLE refresh_tokens ADD COLUMN acr TEXT NOT NULL DEFAULT '';
ALTER TABLE refresh_tokens ADD COLUMN amr TEXT NOT NULL DEFAULT '';
ALTER TABLE refresh_tokens ADD COLUMN claims TEXT NOT NULL DEFAULT '';

-- The clients a browser session signed in to, so that ending the session can notify each one that
-- registered a backchannel_logout_uri. session_hash is sessions.id_hash.
CREATE TABLE session_clients (
  session_hash TEXT NOT NULL REFERENCES sessions (id_hash) ON DELETE CASCADE,
  client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (session_hash, client_id)
);
CREATE INDEX session_clients_client_id ON session_clients (client_id);
