#include "oidc/session_activity.hpp"

#include "oauth/session_lifetime.hpp"

namespace authly::oidc {

void note_session_use(store::Store& store, store::Session& session, core::TimePoint now,
                      std::chrono::seconds idle_ttl) {
  if (!oauth::should_record_use(session.last_seen_at, now, idle_ttl)) return;
  store.sessions().touch(session.id_hash, now);
  session.last_seen_at = now;
}

}  // namespace authly::oidc
