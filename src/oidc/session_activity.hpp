#pragma once
// When a browser session's use is written down. A session ends after session.idle_ttl_s without
// use (OpenID Connect Session Management leaves the policy to the OP), so each use moves its
// last_seen_at. Writing that on every authorization request made every SSO sign-in one more
// database commit; a use is recorded only once the last recorded one is touch_interval old. The
// idle limit then holds to within that interval: a session may end up to touch_interval earlier
// than an exact record would have it, never later.
#include <chrono>

#include "core/clock.hpp"
#include "store/store.hpp"

namespace authly::oidc {

// A tenth of the idle lifetime, at most 60 s (at least 1 s).
std::chrono::seconds touch_interval(std::chrono::seconds idle_ttl) noexcept;

// True when a use at `now` must be recorded for a session last recorded at `last_seen`.
bool should_record_use(core::TimePoint last_seen, core::TimePoint now, std::chrono::seconds idle_ttl) noexcept;

// A use of `session` at `now`: written to the store (and to `session`) when should_record_use says so.
void note_session_use(store::Store& store, store::Session& session, core::TimePoint now, std::chrono::seconds idle_ttl);

}  // namespace authly::oidc
