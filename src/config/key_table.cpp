#include "config/key_table.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <utility>

#include "config/checks.hpp"
#include "core/text.hpp"

namespace authly::config::detail {
namespace {

using Check = void (*)(std::string_view);

// `field` is a generic lambda returning a reference into Config, so one accessor serves both the
// setter (Config&) and the getter (const Config&).
template <class Field>
KeyDef text(std::string key, std::string description, Redaction redaction, Check check, Field field) {
  return {std::move(key),
          std::move(description),
          Kind::string,
          redaction,
          [=](Config& c, const Value& v) {
            const auto& s = std::get<std::string>(v);
            if (check) check(s);
            field(c) = s;
          },
          [=](const Config& c) -> Value { return field(c); }};
}

template <class Field>
KeyDef integer(std::string key, std::string description, std::int64_t min, std::int64_t max, Field field) {
  return {std::move(key),
          std::move(description),
          Kind::integer,
          Redaction::none,
          [=](Config& c, const Value& v) {
            const auto n = std::get<std::int64_t>(v);
            if (n < min || n > max) {
              throw BadValue("must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " +
                             std::to_string(n));
            }
            using T = std::remove_reference_t<decltype(field(c))>;
            field(c) = static_cast<T>(n);
          },
          [=](const Config& c) -> Value { return static_cast<std::int64_t>(field(c)); },
          min,
          max};
}

template <class Field>
KeyDef boolean(std::string key, std::string description, Field field) {
  return {std::move(key),
          std::move(description),
          Kind::boolean,
          Redaction::none,
          [=](Config& c, const Value& v) { field(c) = std::get<bool>(v); },
          [=](const Config& c) -> Value { return field(c); }};
}

template <class E, class Field>
KeyDef choice(std::string key, std::string description, std::vector<std::pair<std::string, E>> names, Field field) {
  return {std::move(key),
          std::move(description),
          Kind::string,
          Redaction::none,
          [=](Config& c, const Value& v) {
            const auto& s = std::get<std::string>(v);
            for (const auto& [name, e] : names) {
              if (name == s) {
                field(c) = e;
                return;
              }
            }
            std::string all;
            for (const auto& [name, e] : names) all += (all.empty() ? "" : "|") + name;
            throw BadValue("must be one of " + all + ", got '" + s + "'");
          },
          [=](const Config& c) -> Value {
            for (const auto& [name, e] : names) {
              if (e == field(c)) return name;
            }
            return std::string();
          }};
}

constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();
constexpr std::int64_t kUint32Max = std::numeric_limits<std::uint32_t>::max();
constexpr std::int64_t kOneDayMs = 86'400'000;

std::vector<KeyDef> build() {
  std::vector<KeyDef> t;
  t.push_back(text(
      "issuer", "Issuer URL: https (http only for loopback), no query, fragment or trailing slash", Redaction::none,
      check_issuer, [](auto& c) -> auto& { return c.issuer; }));
  t.push_back(text(
      "listen", "Address to listen on: host:port or [v6]:port", Redaction::none, check_listen,
      [](auto& c) -> auto& { return c.listen; }));
  t.push_back(text(
      "database_url", "sqlite:///abs/path, sqlite://rel/path, sqlite::memory: or postgresql://...",
      Redaction::url_password, check_database_url, [](auto& c) -> auto& { return c.database_url; }));
  t.push_back(text(
      "redis_url", "redis://[:password@]host[:port][/db]; empty: in-process cache and limits", Redaction::url_password,
      check_redis_url, [](auto& c) -> auto& { return c.redis_url; }));
  t.push_back(text(
      "data_dir", "Directory for the embedded SQLite database and the generated master key", Redaction::none,
      check_not_empty, [](auto& c) -> auto& { return c.data_dir; }));
  t.push_back(choice<LogLevel>(
      "log_level", "trace|debug|info|warn|error|off",
      {{"trace", LogLevel::trace},
       {"debug", LogLevel::debug},
       {"info", LogLevel::info},
       {"warn", LogLevel::warn},
       {"error", LogLevel::error},
       {"off", LogLevel::off}},
      [](auto& c) -> auto& { return c.log_level; }));
  t.push_back(choice<LogFormat>(
      "log_format", "json|text", {{"json", LogFormat::json}, {"text", LogFormat::text}},
      [](auto& c) -> auto& { return c.log_format; }));
  t.push_back(text(
      "admin_username", "First administrator, created on first start when there are no users", Redaction::none, nullptr,
      [](auto& c) -> auto& { return c.admin_username; }));
  t.push_back(text(
      "admin_password", "First administrator's password; empty: generated and printed once", Redaction::whole, nullptr,
      [](auto& c) -> auto& { return c.admin_password; }));
  t.push_back(text(
      "master_key", "base64url of 32 bytes; empty: generated into <data_dir>/master.key", Redaction::whole,
      check_master_key, [](auto& c) -> auto& { return c.master_key; }));

  t.push_back(integer(
      "http.io_threads", "Threads running the HTTP event loop", 1, 256,
      [](auto& c) -> auto& { return c.http.io_threads; }));
  t.push_back(integer(
      "http.blocking_threads", "Threads for blocking work (SQL, Redis, password hashing)", 1, 256,
      [](auto& c) -> auto& { return c.http.blocking_threads; }));
  t.push_back(integer(
      "http.blocking_queue_limit", "Blocking jobs that may wait before requests are shed (503)", 1, kIntMax,
      [](auto& c) -> auto& { return c.http.blocking_queue_limit; }));
  t.push_back(integer(
      "http.max_header_bytes", "Largest accepted request head", 1, kIntMax,
      [](auto& c) -> auto& { return c.http.max_header_bytes; }));
  t.push_back(integer(
      "http.max_body_bytes", "Largest accepted request body", 1, kIntMax,
      [](auto& c) -> auto& { return c.http.max_body_bytes; }));
  t.push_back(integer(
      "http.max_connections", "Concurrent connections beyond which new ones are refused", 1, kIntMax,
      [](auto& c) -> auto& { return c.http.max_connections; }));
  t.push_back(integer(
      "http.header_timeout_ms", "Time allowed to receive a request head", 1, kOneDayMs,
      [](auto& c) -> auto& { return c.http.header_timeout_ms; }));
  t.push_back(integer(
      "http.body_timeout_ms", "Time allowed to receive a request body", 1, kOneDayMs,
      [](auto& c) -> auto& { return c.http.body_timeout_ms; }));
  t.push_back(integer(
      "http.idle_timeout_ms", "Keep-alive idle time before a connection is closed", 1, kOneDayMs,
      [](auto& c) -> auto& { return c.http.idle_timeout_ms; }));
  t.push_back(integer(
      "http.write_timeout_ms", "Time allowed to write a response", 1, kOneDayMs,
      [](auto& c) -> auto& { return c.http.write_timeout_ms; }));
  t.push_back(integer(
      "http.shutdown_grace_ms", "Time in-flight requests get to finish on SIGTERM", 1, kOneDayMs,
      [](auto& c) -> auto& { return c.http.shutdown_grace_ms; }));
  t.push_back({"http.trusted_proxies",
               "Proxy IPs or CIDRs whose X-Forwarded-* headers are believed (env: comma-separated)", Kind::string_list,
               Redaction::none,
               [](Config& c, const Value& v) {
                 const auto& list = std::get<std::vector<std::string>>(v);
                 for (const auto& entry : list) check_trusted_proxy(entry);
                 c.http.trusted_proxies = list;
               },
               [](const Config& c) -> Value { return c.http.trusted_proxies; }});
  t.push_back({"http.cors_origins",
               "Origins (scheme://host[:port], no path, no *) whose browser apps may call the token, revocation, "
               "introspection and userinfo endpoints, beside the origins of registered redirect URIs "
               "(env: comma-separated)",
               Kind::string_list, Redaction::none,
               [](Config& c, const Value& v) {
                 const auto& list = std::get<std::vector<std::string>>(v);
                 for (const auto& entry : list) check_cors_origin(entry);
                 c.http.cors_origins = list;
               },
               [](const Config& c) -> Value { return c.http.cors_origins; }});

  t.push_back(text(
      "metrics.listen", "Address serving GET /metrics (and /health/live) apart from `listen`; empty: on `listen`",
      Redaction::none, check_optional_listen, [](auto& c) -> auto& { return c.metrics.listen; }));

  t.push_back(integer(
      "database.pool_size", "Database connections per instance", 1, 1000,
      [](auto& c) -> auto& { return c.database.pool_size; }));
  t.push_back(integer(
      "database.connect_timeout_ms", "Time allowed to open a database connection", 1, kOneDayMs,
      [](auto& c) -> auto& { return c.database.connect_timeout_ms; }));
  t.push_back(boolean(
      "database.auto_migrate", "Apply pending migrations when `authly serve` starts",
      [](auto& c) -> auto& { return c.database.auto_migrate; }));
  t.push_back(integer(
      "database.purge_interval_s", "Seconds between purges of expired rows (0: never)", 0, 86400,
      [](auto& c) -> auto& { return c.database.purge_interval_s; }));
  t.push_back(integer(
      "database.purge_batch_size", "Rows deleted per statement when purging expired rows", 1, 100000,
      [](auto& c) -> auto& { return c.database.purge_batch_size; }));
  t.push_back(choice<SqliteSynchronous>(
      "database.sqlite_synchronous", "SQLite commit durability in WAL mode: normal|full",
      {{"normal", SqliteSynchronous::normal}, {"full", SqliteSynchronous::full}},
      [](auto& c) -> auto& { return c.database.sqlite_synchronous; }));

  t.push_back(integer(
      "audit.queue_limit", "Audit events waiting to be written; beyond this they are dropped (and counted)", 1,
      10'000'000, [](auto& c) -> auto& { return c.audit.queue_limit; }));
  t.push_back(integer(
      "audit.flush_interval_ms", "Longest time an audit event waits before its batch is written", 1, 60'000,
      [](auto& c) -> auto& { return c.audit.flush_interval_ms; }));
  t.push_back(integer(
      "audit.batch_size", "Audit events written per transaction at most", 1, 100'000,
      [](auto& c) -> auto& { return c.audit.batch_size; }));

  // Up to a minute: the bound is how long a token revoked elsewhere may still be accepted here.
  t.push_back(integer(
      "cache.max_staleness_ms",
      "How long a change made by the CLI or another instance may take to reach this instance's caches", 0, 60'000,
      [](auto& c) -> auto& { return c.cache.max_staleness_ms; }));

  t.push_back(choice<PasswordAlgorithm>(
      "password.algorithm", "argon2id|bcrypt",
      {{"argon2id", PasswordAlgorithm::argon2id}, {"bcrypt", PasswordAlgorithm::bcrypt}},
      [](auto& c) -> auto& { return c.password.algorithm; }));
  t.push_back(integer(
      "password.bcrypt_cost", "bcrypt work factor (log2 rounds), 4..31", 4, 31,
      [](auto& c) -> auto& { return c.password.bcrypt_cost; }));
  // libsodium's argon2id minimums: 1 pass, 8 KiB.
  t.push_back(integer(
      "password.argon2_ops_limit", "argon2id passes", 1, kUint32Max,
      [](auto& c) -> auto& { return c.password.argon2_ops_limit; }));
  t.push_back(integer(
      "password.argon2_mem_limit_kib", "argon2id memory per hash in KiB", 8, kUint32Max,
      [](auto& c) -> auto& { return c.password.argon2_mem_limit_kib; }));
  t.push_back(integer(
      "password.max_concurrent_hashes", "Concurrent password hashes before requests are shed (503)", 1, 256,
      [](auto& c) -> auto& { return c.password.max_concurrent_hashes; }));
  t.push_back(integer(
      "oauth.access_token_ttl_s", "Access token lifetime in seconds", 1, 86400,
      [](auto& c) -> auto& { return c.oauth.access_token_ttl_s; }));
  t.push_back(integer(
      "oauth.refresh_token_idle_ttl_s", "Refresh token idle lifetime in seconds", 60, kIntMax,
      [](auto& c) -> auto& { return c.oauth.refresh_token_idle_ttl_s; }));
  t.push_back(integer(
      "oauth.refresh_token_absolute_ttl_s", "Refresh token family absolute lifetime in seconds", 60, kIntMax,
      [](auto& c) -> auto& { return c.oauth.refresh_token_absolute_ttl_s; }));
  t.push_back(integer(
      "oauth.authorization_code_ttl_s", "Authorization code lifetime in seconds", 1, 600,
      [](auto& c) -> auto& { return c.oauth.authorization_code_ttl_s; }));
  t.push_back(integer(
      "oauth.interaction_ttl_s", "Time allowed to complete the login and consent pages, in seconds", 30, 86400,
      [](auto& c) -> auto& { return c.oauth.interaction_ttl_s; }));
  t.push_back(text(
      "oauth.signing_alg", "Access token signing algorithm: ES256|RS256|PS256|EdDSA", Redaction::none,
      check_signing_alg, [](auto& c) -> auto& { return c.oauth.signing_alg; }));
  t.push_back(boolean(
      "oauth.password_grant", "Allow the resource-owner password grant for clients registered with it",
      [](auto& c) -> auto& { return c.oauth.password_grant; }));
  t.push_back(boolean(
      "oauth.dynamic_registration", "Allow RFC 7591 dynamic client registration at /oauth/clients",
      [](auto& c) -> auto& { return c.oauth.dynamic_registration; }));
  t.push_back(text(
      "oauth.initial_access_token", "Bearer token required for dynamic registration (secret)", Redaction::whole,
      nullptr, [](auto& c) -> auto& { return c.oauth.initial_access_token; }));
  t.push_back(integer(
      "oauth.authorize_per_ip_per_minute", "Authorization requests allowed per client IP per minute", 1, 1000000,
      [](auto& c) -> auto& { return c.oauth.authorize_per_ip_per_minute; }));
  t.push_back(integer(
      "oauth.registrations_per_ip_per_hour", "Dynamic client registrations allowed per client IP per hour", 1, 1000000,
      [](auto& c) -> auto& { return c.oauth.registrations_per_ip_per_hour; }));
  t.push_back(integer(
      "oauth.client_auth_failures_per_ip_per_minute",
      "Failed client authentications per client IP per minute (token, introspection, revocation); "
      "beyond it that address gets 429. 0: no limit",
      0, 1000000, [](auto& c) -> auto& { return c.oauth.client_auth_failures_per_ip_per_minute; }));
  t.push_back(integer(
      "oauth.client_requests_per_ip_per_minute",
      "Token, introspection and revocation requests per client IP per minute. 0: no limit", 0, 100000000,
      [](auto& c) -> auto& { return c.oauth.client_requests_per_ip_per_minute; }));
  t.push_back(integer(
      "oauth.client_requests_per_client_per_minute",
      "Token, introspection and revocation requests per authenticated client per minute. 0: no limit", 0, 100000000,
      [](auto& c) -> auto& { return c.oauth.client_requests_per_client_per_minute; }));

  t.push_back(integer(
      "oauth.jwks_fetch_threads", "Threads fetching private_key_jwt clients' jwks_uri documents", 1, 64,
      [](auto& c) -> auto& { return c.oauth.jwks_fetch_threads; }));
  t.push_back(integer(
      "oauth.jwks_fetch_queue_limit", "jwks_uri fetches waiting for a thread before requests fail at once", 0, 4096,
      [](auto& c) -> auto& { return c.oauth.jwks_fetch_queue_limit; }));
  t.push_back(integer(
      "oauth.jwks_fetch_wait_ms", "Longest wait of a token request for its client's jwks_uri fetch in milliseconds", 10,
      10000, [](auto& c) -> auto& { return c.oauth.jwks_fetch_wait_ms; }));
  t.push_back(integer(
      "oauth.jwks_failure_backoff_s", "Seconds a client is refused at once after its jwks_uri fetch failed", 1, 86400,
      [](auto& c) -> auto& { return c.oauth.jwks_failure_backoff_s; }));

  t.push_back(integer(
      "session.idle_ttl_s", "Browser session idle lifetime in seconds", 60, kIntMax,
      [](auto& c) -> auto& { return c.session.idle_ttl_s; }));
  t.push_back(integer(
      "session.absolute_ttl_s", "Browser session absolute lifetime in seconds", 60, kIntMax,
      [](auto& c) -> auto& { return c.session.absolute_ttl_s; }));

  t.push_back(integer(
      "oidc.id_token_ttl_s", "ID token lifetime in seconds", 5, 86400,
      [](auto& c) -> auto& { return c.oidc.id_token_ttl_s; }));
  t.push_back(integer(
      "oidc.backchannel_timeout_ms", "Timeout of one back-channel logout request in milliseconds", 100, 60000,
      [](auto& c) -> auto& { return c.oidc.backchannel_timeout_ms; }));
  t.push_back(integer(
      "oidc.backchannel_attempts", "Attempts per back-channel logout token before giving up", 1, 10,
      [](auto& c) -> auto& { return c.oidc.backchannel_attempts; }));
  t.push_back(integer(
      "oidc.backchannel_retry_delay_ms", "Delay before the first back-channel logout retry (doubles each time)", 10,
      600000, [](auto& c) -> auto& { return c.oidc.backchannel_retry_delay_ms; }));
  t.push_back(integer(
      "oidc.backchannel_queue_limit", "Back-channel logout tokens waiting for delivery before new ones are dropped", 1,
      1000000, [](auto& c) -> auto& { return c.oidc.backchannel_queue_limit; }));
  t.push_back(integer(
      "oidc.backchannel_concurrency", "Back-channel logout deliveries in flight at once", 1, 64,
      [](auto& c) -> auto& { return c.oidc.backchannel_concurrency; }));
  t.push_back(integer(
      "oidc.backchannel_per_host", "Back-channel logout deliveries in flight at once to one host and port", 1, 64,
      [](auto& c) -> auto& { return c.oidc.backchannel_per_host; }));

  t.push_back(integer(
      "keys.rotation_period_s", "Replace the active signing key after this many seconds (0: never automatically)", 0,
      kIntMax, [](auto& c) -> auto& { return c.keys.rotation_period_s; }));
  t.push_back(integer(
      "keys.publish_lead_s", "Seconds a new signing key is published in JWKS before it signs", 0, kIntMax,
      [](auto& c) -> auto& { return c.keys.publish_lead_s; }));
  t.push_back(integer(
      "keys.jwks_max_age_s", "Cache-Control max-age of the JWKS document in seconds", 0, 86400,
      [](auto& c) -> auto& { return c.keys.jwks_max_age_s; }));
  t.push_back(integer(
      "keys.reload_interval_s", "Seconds between re-reads of the shared signing key table", 1, 3600,
      [](auto& c) -> auto& { return c.keys.reload_interval_s; }));

  t.push_back(integer(
      "login.max_failures", "Failed passwords per account before it is locked", 1, 1000,
      [](auto& c) -> auto& { return c.login.max_failures; }));
  t.push_back(integer(
      "login.lockout_s", "Account lockout duration in seconds", 1, kIntMax,
      [](auto& c) -> auto& { return c.login.lockout_s; }));
  t.push_back(integer(
      "login.per_ip_per_minute", "Password attempts allowed per client IP per minute", 1, 100000,
      [](auto& c) -> auto& { return c.login.per_ip_per_minute; }));
  return t;
}

bool parse_bool(std::string_view s, bool& out) {
  std::string lower(s);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return std::tolower(ch); });
  if (lower == "true" || lower == "1" || lower == "yes") {
    out = true;
    return true;
  }
  if (lower == "false" || lower == "0" || lower == "no") {
    out = false;
    return true;
  }
  return false;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

const std::vector<KeyDef>& key_table() {
  static const std::vector<KeyDef> table = build();
  return table;
}

const KeyDef* find_key(std::string_view key) {
  for (const auto& def : key_table()) {
    if (def.key == key) return &def;
  }
  return nullptr;
}

bool is_section(std::string_view name) {
  for (const auto& def : key_table()) {
    const auto dot = def.key.find('.');
    if (dot != std::string::npos && std::string_view(def.key).substr(0, dot) == name) return true;
  }
  return false;
}

bool is_secret(const KeyDef& def) { return def.redaction != Redaction::none; }

Value parse_text(const KeyDef& def, std::string_view text) {
  switch (def.kind) {
    case Kind::string:
      return std::string(text);
    case Kind::integer: {
      std::int64_t n = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
        throw BadValue("expected an integer, got '" + std::string(text) + "'");
      }
      return n;
    }
    case Kind::boolean: {
      bool b = false;
      if (!parse_bool(text, b)) throw BadValue("expected true|false|1|0|yes|no, got '" + std::string(text) + "'");
      return b;
    }
    case Kind::string_list: {
      std::vector<std::string> list;
      std::size_t start = 0;
      while (start <= text.size()) {
        const auto comma = std::min(text.find(',', start), text.size());
        const auto item = core::trim_ows(text.substr(start, comma - start));
        if (!item.empty()) list.emplace_back(item);
        start = comma + 1;
      }
      return list;
    }
  }
  throw BadValue("unsupported kind");
}

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::string:
      return "a string";
    case Kind::integer:
      return "an integer";
    case Kind::boolean:
      return "a boolean";
    case Kind::string_list:
      return "an array of strings";
  }
  return "a value";
}

std::string suggest(std::string_view unknown, const std::vector<std::string>& candidates) {
  const std::string* best = nullptr;
  std::size_t best_distance = 3;
  for (const auto& candidate : candidates) {
    const auto d = edit_distance(unknown, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = &candidate;
    }
  }
  return best ? " (did you mean '" + *best + "'?)" : "";
}

}  // namespace authly::config::detail
