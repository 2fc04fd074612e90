#pragma once
// Recording a browser session's use. A session ends after session.idle_ttl_s without use (OpenID
// Connect Session Management leaves the policy to the OP); when a use is written down is
// oauth/session_lifetime.hpp's rule (should_record_use), shared with the refresh grant.
#include <chrono>

#include "core/clock.hpp"
#include "store/store.hpp"

namespace authly::oidc {

// A use of `session` at `now`: written to the store (and to `session`) when should_record_use says so.
void note_session_use(store::Store& store, store::Session& session, core::TimePoint now, std::chrono::seconds idle_ttl);

}  // namespace authly::oidc
