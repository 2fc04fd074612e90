#include "oauth/session_lifetime.hpp"

namespace authly::oauth {

bool session_idle_expired(const store::Session& session, core::TimePoint now, std::chrono::seconds idle_ttl) noexcept {
  return session.last_seen_at + idle_ttl <= now;
}

bool session_alive(const store::Session& session, core::TimePoint now, std::chrono::seconds idle_ttl) noexcept {
  return !session.ended_at && now < session.expires_at && !session_idle_expired(session, now, idle_ttl);
}

}  // namespace authly::oauth
