#pragma once
// The store contract suite runs every case on SQLite (a file in a temp dir) and on PostgreSQL
// (a fresh schema per test on PG_TEST_URL, dropped afterwards). Without PG_TEST_URL the PostgreSQL
// half fails rather than skips.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <chrono>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>

#include "store/store.hpp"
#include "support/process.hpp"
#include "support/test_env.hpp"

namespace authly::test {

using store::TimePoint;

// A fixed "now" far from the epoch and from the real clock: nothing may depend on wall time.
inline const TimePoint kT0 = core::from_unix(1'700'000'000);

// Concatenation that avoids `"literal" + std::string&&`, on which GCC 12 at -O3 raises a false
// -Wrestrict.
template <class... Parts>
std::string cat(const Parts&... parts) {
  std::string out;
  (out.append(parts), ...);
  return out;
}

inline std::string random_hex(std::size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::random_device rd;
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += kHex[rd() % 16];
  return out;
}

// Runs one statement outside the store (to prepare states the API cannot produce).
inline void pg_exec(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string err = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("PostgreSQL: " + err);
  }
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);  // DROP ... CASCADE lists every table
  PQclear(PQexec(conn, "SET synchronous_commit = off"));
  PGresult* res = PQexec(conn, sql.c_str());
  bool ok = PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK;
  std::string err = ok ? "" : PQresultErrorMessage(res);
  PQclear(res);
  PQfinish(conn);
  if (!ok) throw std::runtime_error(sql + ": " + err);
}

inline void sqlite_exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open(path.c_str(), &db);
  char* err = nullptr;
  if (rc == SQLITE_OK) rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  std::string message = err ? err : (db ? sqlite3_errmsg(db) : "out of memory");
  sqlite3_free(err);
  sqlite3_close(db);
  if (rc != SQLITE_OK) throw std::runtime_error(sql + ": " + message);
}

// PG_TEST_URL with a search_path, so that every table the store creates lands in `schema`.
// synchronous_commit=off: commits do not wait for the WAL flush (a test database need not survive
// a crash), which makes the DDL of each test's migration several times faster.
inline std::string pg_url_with_schema(const std::string& base, const std::string& schema) {
  return cat(base, base.find('?') == std::string::npos ? "?" : "&", "options=-csearch_path%3D", schema,
             "%20-csynchronous_commit%3Doff");
}

class StoreContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      admin_url_ = pg_test_url();
      ASSERT_FALSE(admin_url_.empty())
          << "PG_TEST_URL is not set: the PostgreSQL half of the store contract cannot run. Start the services "
             "(scripts/start-services.sh) and export the PG_TEST_URL it prints.";
      schema_ = cat("authly_t_", random_hex(12));
      pg_exec(admin_url_, "CREATE SCHEMA " + schema_);
      url_ = pg_url_with_schema(admin_url_, schema_);
    } else {
      dir_ = std::make_unique<TempDir>();
      sqlite_path_ = dir_->path() + "/data/authly.db";  // data/ does not exist yet: open creates it
      url_ = "sqlite://" + sqlite_path_;
    }
    store_ = open(url_);
    status_before_ = store_->migration_status();
    applied_ = store_->migrate();
  }

  void TearDown() override {
    store_.reset();
    if (!schema_.empty()) extra_schemas_.push_back(schema_);
    for (const auto& schema : extra_schemas_) {
      try {
        pg_exec(admin_url_, "DROP SCHEMA " + schema + " CASCADE");
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
      }
    }
  }

  // Another empty database on the same backend, dropped with the test's own.
  std::string fresh_url() {
    if (is_postgres()) {
      auto schema = cat("authly_t_", random_hex(12));
      pg_exec(admin_url_, "CREATE SCHEMA " + schema);
      extra_schemas_.push_back(schema);
      return pg_url_with_schema(admin_url_, schema);
    }
    return cat("sqlite://", dir_->path(), "/fresh-", random_hex(8), ".db");
  }

  static std::unique_ptr<store::Store> open(const std::string& url, int pool_size = 8) {
    return store::open_store(store::StoreOptions{url, pool_size, 5'000});
  }

  bool is_postgres() const { return GetParam() == "postgresql"; }

  // Runs raw SQL on the test's database, outside the store.
  void raw_exec(const std::string& sql) {
    if (is_postgres()) {
      pg_exec(url_, sql);
    } else {
      sqlite_exec(sqlite_path_, sql);
    }
  }

  store::Store& db() { return *store_; }

  std::string url_;
  std::string admin_url_;
  std::string schema_;
  std::string sqlite_path_;
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<store::Store> store_;
  std::vector<store::MigrationInfo> status_before_;
  std::vector<store::MigrationInfo> applied_;
  std::vector<std::string> extra_schemas_;
};

// Rows with every field set to something distinguishable from its default.
inline store::User make_user(const std::string& id, const std::string& username, const std::string& email) {
  store::User u;
  u.id = id;
  u.username = username;
  u.email = email;
  u.email_verified = true;
  u.password_hash = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$" + id;
  u.given_name = "Given " + id;
  u.family_name = "Family " + id;
  u.is_admin = false;
  u.is_active = true;
  u.created_at = kT0;
  u.updated_at = kT0 + std::chrono::seconds(1);
  return u;
}

inline store::Client make_client(const std::string& id) {
  store::Client c;
  c.id = id;
  c.name = "Client " + id;
  c.type = store::ClientType::confidential;
  c.secret_hash = "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8";
  c.redirect_uris = {"https://app.example/cb", "http://127.0.0.1/cb"};
  c.post_logout_redirect_uris = {"https://app.example/bye"};
  c.grant_types = {"authorization_code", "refresh_token"};
  c.scope = "openid profile email";
  c.created_at = kT0;
  c.updated_at = kT0;
  return c;
}

inline store::Session make_session(const std::string& id_hash, const std::string& user_id, TimePoint expires_at) {
  store::Session s;
  s.id_hash = id_hash;
  s.user_id = user_id;
  s.sid = "sid-" + id_hash;
  s.amr = "pwd";
  s.acr = "urn:authly:acr:pwd";
  s.auth_time = kT0;
  s.created_at = kT0;
  s.last_seen_at = kT0;
  s.expires_at = expires_at;
  return s;
}

inline store::AuthorizationCode make_code(const std::string& hash, const std::string& client_id,
                                          const std::string& user_id, TimePoint expires_at) {
  store::AuthorizationCode c;
  c.code_hash = hash;
  c.client_id = client_id;
  c.user_id = user_id;
  c.redirect_uri = "https://app.example/cb";
  c.scope = "openid profile";
  c.code_challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  c.nonce = "n-0S6_WzA2Mj";
  c.session_id = "session-hash";
  c.claims = R"({"id_token":{"email":null}})";
  c.auth_time = kT0;
  c.created_at = kT0;
  c.expires_at = expires_at;
  return c;
}

inline store::RefreshToken make_refresh(const std::string& hash, const std::string& family,
                                        const std::string& client_id, const std::string& user_id,
                                        const std::string& session_id) {
  store::RefreshToken t;
  t.token_hash = hash;
  t.family_id = family;
  t.client_id = client_id;
  t.user_id = user_id;
  t.scope = "openid offline_access";
  t.session_id = session_id;
  t.auth_time = kT0;
  t.created_at = kT0;
  t.expires_at = kT0 + std::chrono::hours(24 * 30);
  t.idle_expires_at = kT0 + std::chrono::hours(24);
  return t;
}

}  // namespace authly::test
