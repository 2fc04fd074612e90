-- Version counters for the in-process caches (clients, scopes, signing keys, the access-token
-- deny-list). Triggers bump a counter in the same transaction as every write to its table, so a
-- change made by the CLI or another instance shows up as a new version that an instance polls
-- cheaply; no write path has to remember to do it.
CREATE TABLE cache_versions (
  name TEXT PRIMARY KEY,
  version BIGINT NOT NULL
);
INSERT INTO cache_versions (name, version) VALUES ('clients', 0);
INSERT INTO cache_versions (name, version) VALUES ('scopes', 0);
INSERT INTO cache_versions (name, version) VALUES ('signing_keys', 0);
INSERT INTO cache_versions (name, version) VALUES ('deny_list', 0);

CREATE TRIGGER clients_cache_insert AFTER INSERT ON clients
BEGIN UPDATE cache_versions SET version = version + 1 WHERE name = 'clients'; END;
CREATE TRIGGER clients_cache_update AFTER UPDATE ON clients
BEGIN UPDATE cache_versions SET version = version + 1 WHERE name = 'clients'; END;
CREATE TRIGGER clients_cache_delete AFTER DELETE ON clients
BEGIN UPDATE cache_versions SET version = version + 1 WHERE name = 'clients'; END;

CREATE TRIGGER scopes_cache_insert AFTER INSERT ON scopes
BEGIN UPDATE cache_versions SET version = version + 1 WHERE name = 'scopes'; END;
CREATE TRIGGER scopes_cache_update AFTER UPDATE ON scopes
BEGIN UPDATE cache_versions SET version = version + 1 WHERE name = 'scopes'; END;
CREATE TRIGGER scopes_cache_delete AFTER DELETE ON scopes
BEGIN UPDATE cache_versions SET version = version + 1 WHERE name = 'scopes'; END;

CREATE TRIGGER signing_keys_cache_insert AFTER INSERT ON signing_keys
BEGIN UPDATE cache_versions SET version = version + 1 WHERE name = 'signing_keys'; END;
CREATE TRIGGER signing_keys_cache_update AFTER UPDATE ON signing_keys
BEGIN UPDATE cache_versions SET version = version + 1 WHERE name = 'signing_keys'; END;
CREATE TRIGGER signing_keys_cache_delete AFTER DELETE ON signing_keys
BEGIN UPDATE cache_versions SET version = version + 1 WHERE name = 'signing_keys'; END;

-- The deny-list is append-mostly, so instances refresh it incrementally: each new row takes the
-- next deny_list version as its seq. SQLite serializes writers, so seq order is commit order and a
-- reader that has seen every row up to seq N never misses a row below N later. Rows from before this
-- migration keep seq 0 and are read by the first full load.
ALTER TABLE denied_access_tokens ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
CREATE INDEX denied_access_tokens_seq ON denied_access_tokens (seq);
CREATE TRIGGER denied_access_tokens_cache_insert AFTER INSERT ON denied_access_tokens
BEGIN
  UPDATE cache_versions SET version = version + 1 WHERE name = 'deny_list';
  UPDATE denied_access_tokens SET seq = (SELECT version FROM cache_versions WHERE name = 'deny_list')
    WHERE jti = NEW.jti;
END;
