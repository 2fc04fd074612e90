#pragma once
// The purge of expired rows: authorization codes, interactions, browser sessions, refresh tokens
// and the access-token deny-list (with recorded client-assertion jtis and family access tokens).
// Nothing else removes them, and anonymous requests create some of them (interactions).
#include <cstdint>
#include <functional>

#include "core/clock.hpp"
#include "store/store.hpp"

namespace authly::services {

struct PurgeCounts {
  std::int64_t refresh_tokens = 0;
  std::int64_t deny_list = 0;  // deny-list, client-assertion and family access-token rows
  std::int64_t codes = 0;
  std::int64_t interactions = 0;
  std::int64_t sessions = 0;
  std::int64_t total() const { return refresh_tokens + deny_list + codes + interactions + sessions; }
};

// Deletes what expired before `now`, `batch` rows per statement, until nothing expired is left or
// `stopping()` turns true between two batches (a shutdown need not wait for a large backlog).
// Refresh tokens and family records go first, so that the codes whose grants just ended go in the
// same run. Safe to run on several instances at once (store batches skip rows another instance is
// deleting). Store errors propagate.
PurgeCounts purge_expired_rows(store::Store& store, core::TimePoint now, std::int64_t batch,
                               const std::function<bool()>& stopping = {});

}  // namespace authly::services
