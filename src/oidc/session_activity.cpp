#include "oidc/session_activity.hpp"

#include <algorithm>

namespace authly::oidc {

std::chrono::seconds touch_interval(std::chrono::seconds idle_ttl) noexcept {
  return std::clamp(idle_ttl / 10, std::chrono::seconds(1), std::chrono::seconds(60));
}

bool should_record_use(core::TimePoint last_seen, core::TimePoint now, std::chrono::seconds idle_ttl) noexcept {
  // A clock that went backwards proves nothing: record.
  return now < last_seen || now - last_seen >= touch_interval(idle_ttl);
}

void note_session_use(store::Store& store, store::Session& session, core::TimePoint now,
                      std::chrono::seconds idle_ttl) {
  if (!should_record_use(session.last_seen_at, now, idle_ttl)) return;
  store.sessions().touch(session.id_hash, now);
  session.last_seen_at = now;
}

}  // namespace authly::oidc
