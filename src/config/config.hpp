#pragma once
// Authly's one configuration struct. Layers, lowest first: built-in defaults < TOML file (--config)
// < AUTHLY_* environment < command-line flags. Every key has one TOML name ("http.max_body_bytes"),
// one environment name (AUTHLY_HTTP_MAX_BODY_BYTES) and one flag (--http-max-body-bytes). Secrets
// may also come from AUTHLY_<KEY>_FILE (file-mounted secrets: Kubernetes, Vault Agent).
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace authly::config {

enum class LogLevel { trace, debug, info, warn, error, off };
enum class LogFormat { json, text };
enum class PasswordAlgorithm { argon2id, bcrypt };
enum class SqliteSynchronous { normal, full };

struct HttpConfig {
  int io_threads = 2;
  int blocking_threads = 8;
  int blocking_queue_limit = 1024;
  int max_header_bytes = 16 * 1024;
  int max_body_bytes = 1024 * 1024;
  int max_connections = 10000;
  int header_timeout_ms = 10'000;
  int body_timeout_ms = 30'000;
  int idle_timeout_ms = 60'000;
  int write_timeout_ms = 30'000;
  int shutdown_grace_ms = 15'000;
  std::vector<std::string> trusted_proxies;
  // Origins ("https://app.example.com[:port]") browser apps may call the token-side endpoints from,
  // beside the origins of registered redirect URIs (oauth/cors_origins.hpp).
  std::vector<std::string> cors_origins;
};

struct DatabaseConfig {
  int pool_size = 8;
  int connect_timeout_ms = 5'000;
  bool auto_migrate = true;  // apply pending migrations at `authly serve` start (embedded default)

  // Expired codes, interactions, sessions, refresh tokens and deny-list rows are deleted every
  // purge_interval_s seconds (0: never), purge_batch_size rows per statement (short locks).
  int purge_interval_s = 300;
  int purge_batch_size = 500;

  // SQLite in WAL mode: `normal` syncs at checkpoints only, so a transaction committed just before
  // a power loss or OS crash may roll back (never after an application crash; the database stays
  // consistent); `full` syncs every commit.
  SqliteSynchronous sqlite_synchronous = SqliteSynchronous::normal;
};

// The background writer of audit events (store/audit_writer.hpp): a bounded queue written in
// group commits, flushed on graceful shutdown.
struct AuditConfig {
  int queue_limit = 100'000;   // events waiting; beyond this they are dropped, counted and logged
  int flush_interval_ms = 50;  // a batch is written at least this often
  int batch_size = 500;        // ... or as soon as this many events wait (one transaction each)
};

struct PasswordConfig {
  PasswordAlgorithm algorithm = PasswordAlgorithm::argon2id;
  int bcrypt_cost = 12;                        // 4..31
  std::uint64_t argon2_ops_limit = 2;          // libsodium crypto_pwhash OPSLIMIT_INTERACTIVE
  std::uint64_t argon2_mem_limit_kib = 65536;  // 64 MiB (MEMLIMIT_INTERACTIVE)
  int max_concurrent_hashes = 4;               // beyond this, hashing requests are shed (503)
};

struct OAuthConfig {
  int access_token_ttl_s = 600;               // RFC 9068 access tokens: short-lived, not stored
  int refresh_token_idle_ttl_s = 14 * 86400;  // refresh family dies if unused this long
  int refresh_token_absolute_ttl_s = 90 * 86400;
  int authorization_code_ttl_s = 60;  // DESIGN.md §4
  int interaction_ttl_s = 600;        // login/consent pages must be completed within this
  std::string signing_alg = "ES256";  // access tokens: ES256|RS256|PS256|EdDSA
  bool password_grant = false;        // resource-owner password grant (dropped by OAuth 2.1)
  bool dynamic_registration = false;  // RFC 7591 open registration at /oauth/clients
  std::string initial_access_token;   // secret; when set, dynamic registration requires it
  // private_key_jwt clients' jwks_uri fetches run on their own small executor, never on the
  // request pool (oauth/client_auth/client_key_cache.hpp).
  int jwks_fetch_threads = 4;       // concurrent jwks_uri fetches, all clients together
  int jwks_fetch_queue_limit = 16;  // fetches waiting for a thread; beyond this a request fails at once
  int jwks_fetch_wait_ms = 1'000;   // a token request waits at most this long for its client's fetch
  int jwks_failure_backoff_s = 60;  // after a failed fetch, that client's assertions are refused this long

  // Per client IP: authorization requests per minute (HTML 429 beyond) and open registrations per
  // hour (JSON 429 beyond). Both write rows for anonymous callers.
  int authorize_per_ip_per_minute = 120;
  int registrations_per_ip_per_hour = 20;

  // Token, introspection and revocation (oauth/client_auth_limits.hpp), per minute; 0 turns a limit
  // off. Failed client authentications are shared exactly between instances through Redis, request
  // rates within a second.
  int client_auth_failures_per_ip_per_minute = 20;
  int client_requests_per_ip_per_minute = 0;  // off: many clients may share an address (NAT, proxy)
  int client_requests_per_client_per_minute = 6'000;
};

struct SessionConfig {
  int idle_ttl_s = 8 * 3600;       // browser session ends after this long unused
  int absolute_ttl_s = 7 * 86400;  // and after this long in any case
};

struct LoginConfig {
  int max_failures = 5;        // failed passwords per account before a lockout
  int lockout_s = 900;         // how long the account is locked
  int per_ip_per_minute = 30;  // password attempts per client IP per minute (login page and password grant)
};

// OpenID Connect (OIDC Core 1.0, Back-Channel Logout 1.0).
struct OidcConfig {
  int id_token_ttl_s = 3600;               // ID token lifetime
  int backchannel_timeout_ms = 5'000;      // one back-channel logout POST, connect + transfer
  int backchannel_attempts = 3;            // tries per logout token before it is given up (with backoff)
  int backchannel_retry_delay_ms = 1'000;  // first retry delay; doubled for each further try
  int backchannel_queue_limit = 10'000;    // logout tokens waiting; beyond this new ones are dropped (logged)
  int backchannel_concurrency = 8;         // deliveries in flight, all relying parties together
  int backchannel_per_host = 2;            // deliveries in flight to one host:port
};

// Signing key rotation (DESIGN.md §4): next -> active -> retired -> removed.
struct KeysConfig {
  int rotation_period_s = 90 * 86400;  // an active key older than this is replaced; 0 turns automatic rotation off
  int publish_lead_s = 3600;           // a new key is in JWKS this long before it signs (> jwks_max_age_s)
  int jwks_max_age_s = 300;            // Cache-Control max-age of /oidc/jwks
  int reload_interval_s = 60;          // how often an instance re-reads the key table (multi-instance agreement)
};

// In-process caches of clients, scopes, signing keys and the access-token deny-list. A change made
// by this instance is seen at once; one made by the CLI or another instance within max_staleness_ms
// (the database's cache versions are re-read at most that often; Redis invalidations are faster).
struct CacheConfig {
  int max_staleness_ms = 1'000;  // 0: check the versions on every read
};

// Where GET /metrics is served. Empty: on `listen` with every other route. A host:port: there
// only (with /health/live), so that a network policy can keep it from the public listener.
struct MetricsConfig {
  std::string listen;
};

struct Config {
  std::string issuer = "http://127.0.0.1:8000";
  std::string listen = "127.0.0.1:8000";  // host:port ([::1]:8000 for IPv6)
  std::string database_url;               // empty: sqlite:///<data_dir>/authly.db
  std::string redis_url;                  // empty: no Redis (in-process cache and limits)
  std::string data_dir = "./var";
  LogLevel log_level = LogLevel::info;
  LogFormat log_format = LogFormat::json;

  // Secrets (redacted by `authly config show`).
  std::string admin_username;  // first admin, created on first start if there are no users
  std::string admin_password;  // empty: a random one is generated and printed once
  std::string master_key;      // base64url 32 bytes; empty: generated into <data_dir>/master.key

  HttpConfig http;
  DatabaseConfig database;
  AuditConfig audit;
  PasswordConfig password;
  OAuthConfig oauth;
  SessionConfig session;
  LoginConfig login;
  OidcConfig oidc;
  KeysConfig keys;
  CacheConfig cache;
  MetricsConfig metrics;

  // The database URL actually used: database_url, or the embedded SQLite file under data_dir.
  std::string effective_database_url() const;
  // Host and port parsed from `listen` (validated when loading).
  std::string listen_host() const;
  std::uint16_t listen_port() const;
  // Host and port parsed from `metrics.listen` ("" and 0 when it is empty).
  std::string metrics_host() const;
  std::uint16_t metrics_port() const;
};

// A bad key or value: `key` is the name the user wrote (TOML key, env variable or flag).
class ConfigError : public std::runtime_error {
 public:
  ConfigError(std::string key, const std::string& message)
      : std::runtime_error(key + ": " + message), key_(std::move(key)) {}
  const std::string& key() const noexcept { return key_; }

 private:
  std::string key_;
};

struct LoadOptions {
  // Default member initialisers let callers use designated initialisers ({.flags = ...}) under -Wextra.
  std::optional<std::string> config_file{};          // --config
  std::map<std::string, std::string> environment{};  // usually the process environment
  std::map<std::string, std::string> flags{};        // canonical key ("http.max_body_bytes") -> value
};

// Applies the layers and validates the result; throws ConfigError naming the first bad key.
Config load(const LoadOptions& options);

// The process environment as a map (only AUTHLY_* entries).
std::map<std::string, std::string> authly_environment();

// Every canonical key, for --help text and flag registration: {key, one-line description, is_secret}.
struct KeyInfo {
  std::string key;
  std::string description;
  bool secret = false;
};
const std::vector<KeyInfo>& known_keys();

// The other spellings of a canonical key: "http.max_body_bytes" -> "AUTHLY_HTTP_MAX_BODY_BYTES"
// and "--http-max-body-bytes". ConfigError names a flag in the second form.
std::string env_name(std::string_view key);
std::string flag_name(std::string_view key);

// The effective configuration as TOML, secrets replaced by "<redacted>" (or "" when unset).
std::string show(const Config& config);

// Every key with its environment name, built-in default, accepted range and description
// (`authly config keys`; the Markdown form is the table in docs/operations.md).
std::string key_reference_markdown();
std::string key_reference_text();

}  // namespace authly::config
