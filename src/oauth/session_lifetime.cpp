#include "oauth/session_lifetime.hpp"

#include <algorithm>

namespace authly::oauth {

bool session_idle_expired(const store::Session& session, core::TimePoint now, std::chrono::seconds idle_ttl) noexcept {
  return session.last_seen_at + idle_ttl <= now;
}

bool session_alive(const store::Session& session, core::TimePoint now, std::chrono::seconds idle_ttl) noexcept {
  return !session.ended_at && now < session.expires_at && !session_idle_expired(session, now, idle_ttl);
}

std::chrono::seconds touch_interval(std::chrono::seconds idle_ttl) noexcept {
  return std::clamp(idle_ttl / 10, std::chrono::seconds(1), std::chrono::seconds(60));
}

bool should_record_use(core::TimePoint last_seen, core::TimePoint now, std::chrono::seconds idle_ttl) noexcept {
  // A clock that went backwards proves nothing: record.
  return now < last_seen || now - last_seen >= touch_interval(idle_ttl);
}

}  // namespace authly::oauth
