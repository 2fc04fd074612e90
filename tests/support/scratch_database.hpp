#pragma once
// Backends for tests that run once per database: an SQLite file in a temp dir, or a fresh
// PostgreSQL database created on the server from PG_TEST_URL and dropped afterwards.
#include <memory>
#include <string>

#include "support/process.hpp"

namespace authly::test {

class ScratchDatabase {
 public:
  // backend: "sqlite" or "postgresql". For PostgreSQL, throws if PG_TEST_URL is unset: the
  // PostgreSQL half of the suite fails loudly instead of being skipped.
  explicit ScratchDatabase(const std::string& backend);
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  const std::string& url() const noexcept { return url_; }
  const std::string& data_dir() const noexcept { return dir_.path(); }
  // Drops a PostgreSQL database now (connections are terminated), to simulate it vanishing.
  void drop();

 private:
  TempDir dir_;
  std::string backend_;
  std::string url_;
  std::string admin_url_;
  std::string name_;
};

}  // namespace authly::test
