#pragma once
// A browser session's lifetimes, in one place for every reader: the authorization endpoint
// resuming single sign-on (oidc/browser_session.hpp) and the refresh grant, whose tokens bound to
// a session die with it (OIDC Core §11 leaves offline_access tokens out). A session is alive until
// it is ended, until its absolute expiry (session.absolute_ttl_s from sign-in) and until it has
// gone unused for session.idle_ttl_s (its last recorded use, oidc/session_activity.hpp).
#include <chrono>

#include "core/clock.hpp"
#include "store/models.hpp"

namespace authly::oauth {

bool session_idle_expired(const store::Session& session, core::TimePoint now, std::chrono::seconds idle_ttl) noexcept;

bool session_alive(const store::Session& session, core::TimePoint now, std::chrono::seconds idle_ttl) noexcept;

// Each use moves a session's last_seen_at, but writing that on every request made every SSO
// sign-in and every refresh one more commit; a use is recorded only once the last recorded one is
// touch_interval old. The idle limit then holds to within that interval: a session may end up to
// touch_interval earlier than an exact record would have it, never later (docs/security.md).

// A tenth of the idle lifetime, at most 60 s (at least 1 s).
std::chrono::seconds touch_interval(std::chrono::seconds idle_ttl) noexcept;

// True when a use at `now` must be recorded for a session last recorded at `last_seen`.
bool should_record_use(core::TimePoint last_seen, core::TimePoint now, std::chrono::seconds idle_ttl) noexcept;

}  // namespace authly::oauth
