#include "support/scratch_database.hpp"

#include <libpq-fe.h>

#include <random>
#include <stdexcept>

#include "support/test_env.hpp"

namespace authly::test {
namespace {

void exec_admin(const std::string& admin_url, const std::string& sql) {
  PGconn* conn = PQconnectdb(admin_url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string err = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("cannot reach PostgreSQL for a scratch database: " + err);
  }
  PGresult* res = PQexec(conn, sql.c_str());
  const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  std::string err = ok ? "" : PQresultErrorMessage(res);
  PQclear(res);
  PQfinish(conn);
  if (!ok) throw std::runtime_error(sql + ": " + err);
}

std::string random_name() {
  std::random_device rd;
  std::uniform_int_distribution<unsigned long long> dist;
  return "authly_it_" + std::to_string(dist(rd) % 1'000'000'000'000ULL);
}

}  // namespace

ScratchDatabase::ScratchDatabase(const std::string& backend) : backend_(backend) {
  if (backend == "sqlite") {
    url_ = "sqlite://" + dir_.path() + "/authly.db";
    return;
  }
  if (backend != "postgresql") throw std::invalid_argument("unknown backend " + backend);
  admin_url_ = pg_test_url();
  if (admin_url_.empty())
    throw std::runtime_error("PG_TEST_URL is not set: run the suite with `make test` (scripts/start-services.sh)");
  name_ = random_name();
  exec_admin(admin_url_, "CREATE DATABASE " + name_);
  const auto slash = admin_url_.rfind('/');
  url_ = admin_url_.substr(0, slash + 1) + name_;
}

void ScratchDatabase::drop() {
  if (backend_ != "postgresql" || name_.empty()) return;
  exec_admin(admin_url_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  name_.clear();
}

ScratchDatabase::~ScratchDatabase() {
  try {
    drop();
  } catch (...) {
    // A leftover scratch database is harmless; the next run uses a new name.
  }
}

}  // namespace authly::test
