#include "services/expired_rows.hpp"

namespace authly::services {
namespace {

// Repeats one batched delete while it comes back full.
template <class DeleteBatch>
std::int64_t drain(std::int64_t batch, const std::function<bool()>& stopping, DeleteBatch delete_batch) {
  std::int64_t total = 0;
  while (!(stopping && stopping())) {
    const std::int64_t n = delete_batch();
    total += n;
    if (n < batch) break;
  }
  return total;
}

}  // namespace

PurgeCounts purge_expired_rows(store::Store& store, core::TimePoint now, std::int64_t batch,
                               const std::function<bool()>& stopping) {
  if (batch < 1) batch = 1;
  PurgeCounts out;
  out.refresh_tokens = drain(batch, stopping, [&] { return store.tokens().delete_expired_refresh(now, batch); });
  out.deny_list = drain(batch, stopping, [&] { return store.tokens().purge_denied(now, batch); });
  out.codes = drain(batch, stopping, [&] { return store.codes().delete_expired(now, batch); });
  out.interactions = drain(batch, stopping, [&] { return store.interactions().delete_expired(now, batch); });
  out.sessions = drain(batch, stopping, [&] { return store.sessions().delete_expired(now, batch); });
  return out;
}

}  // namespace authly::services
