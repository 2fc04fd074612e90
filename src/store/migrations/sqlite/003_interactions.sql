-- Authorization requests waiting for login or consent (OAuth 2.1 §4.1.1), keyed by the SHA-256 of
-- an opaque 256-bit id. params holds the validated request as JSON; user_id is NULL until login.
CREATE TABLE interactions (
  id_hash TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  params TEXT NOT NULL,
  csrf_hash TEXT NOT NULL,
  user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
  auth_time BIGINT,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX interactions_expires_at ON interactions (expires_at);
CREATE INDEX interactions_client_id ON interactions (client_id);
CREATE INDEX interactions_user_id ON interactions (user_id);
