#pragma once
// Batched deletes for the purge of expired rows. Internal to store/sql.
//
// Each purge statement deletes at most `limit` rows chosen by a subquery, so that a large backlog
// is removed in short statements (short locks, small WAL growth) instead of one long one. On
// PostgreSQL the subquery locks its rows FOR UPDATE SKIP LOCKED: instances purging at the same time
// take disjoint rows instead of waiting on (or deadlocking with) each other.
#include <string>

#include "store/sql/connection_config.hpp"

namespace authly::store::sql {

// Appended to the row-choosing subquery of a batched DELETE.
inline std::string skip_locked(Backend backend) {
  return backend == Backend::postgresql ? " FOR UPDATE SKIP LOCKED" : "";
}

}  // namespace authly::store::sql
