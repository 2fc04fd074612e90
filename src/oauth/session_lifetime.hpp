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

}  // namespace authly::oauth
