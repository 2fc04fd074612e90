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

CREATE FUNCTION authly_bump_cache_version() RETURNS trigger LANGUAGE plpgsql AS
'BEGIN UPDATE cache_versions SET version = version + 1 WHERE name = TG_ARGV[0]; RETURN NULL; END';

CREATE TRIGGER clients_cache_version AFTER INSERT OR UPDATE OR DELETE ON clients
  FOR EACH STATEMENT EXECUTE FUNCTION authly_bump_cache_version('clients');
CREATE TRIGGER scopes_cache_version AFTER INSERT OR UPDATE OR DELETE ON scopes
  FOR EACH STATEMENT EXECUTE FUNCTION authly_bump_cache_version('scopes');
CREATE TRIGGER signing_keys_cache_version AFTER INSERT OR UPDATE OR DELETE ON signing_keys
  FOR EACH STATEMENT EXECUTE FUNCTION authly_bump_cache_version('signing_keys');

-- The deny-list is append-mostly, so instances refresh it incrementally: each new row takes the
-- next deny_list version as its seq. The row lock on the counter is held until commit, so writers
-- commit in seq order and a reader that has seen every row up to seq N never misses a row below N
-- later. Rows from before this migration keep seq 0 and are read by the first full load.
ALTER TABLE denied_access_tokens ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
CREATE INDEX denied_access_tokens_seq ON denied_access_tokens (seq);
CREATE FUNCTION authly_deny_list_seq() RETURNS trigger LANGUAGE plpgsql AS
'BEGIN
  UPDATE cache_versions SET version = version + 1 WHERE name = ''deny_list'' RETURNING version INTO NEW.seq;
  RETURN NEW;
END';
CREATE TRIGGER denied_access_tokens_seq BEFORE INSERT ON denied_access_tokens
  FOR EACH ROW EXECUTE FUNCTION authly_deny_list_seq();
