#pragma once
// Driver failures -> store errors. Internal to store/sql.
#include <soci/soci.h>

#include "store/sql/connection_config.hpp"

namespace authly::store::sql {

// Rethrows the exception in flight (call from a catch block) as Conflict for a unique-key clash,
// StoreError for any other failure. The message carries the driver's text and the SQL statement,
// never bound values (SOCI's own what() lists them) nor the URL's password.
[[noreturn]] void rethrow_as_store_error(const ConnectionConfig& config, soci::session& session);

// True when the session's connection is unusable (server gone, socket closed) and must be
// reopened before its next use.
bool connection_lost(const ConnectionConfig& config, soci::session& session) noexcept;

// A bounded "SELECT 1" on a PostgreSQL session: false if no answer within `timeout_ms`
// (libpq's own calls would wait without limit on a silent server).
bool postgresql_alive(soci::session& session, int timeout_ms) noexcept;

}  // namespace authly::store::sql
