#pragma once
// Where the tests find the binary, the sources and the real services started by
// scripts/start-services.sh.
#include <cstdlib>
#include <string>

namespace authly::test {

inline std::string authly_binary() { return AUTHLY_BINARY; }
inline std::string source_dir() { return AUTHLY_SOURCE_DIR; }

// PostgreSQL URL from PG_TEST_URL. `make test` always sets it; a run without it fails loudly
// rather than silently skipping the PostgreSQL half of the suite.
inline std::string pg_test_url() {
  const char* v = std::getenv("PG_TEST_URL");
  return v ? v : "";
}
inline std::string redis_test_url() {
  const char* v = std::getenv("REDIS_TEST_URL");
  return v ? v : "";
}

}  // namespace authly::test
