#pragma once
// The one way a browser session ends (logout at /auth/logout, RP-initiated logout at /oidc/logout,
// and whatever else ends sessions): the session row is marked ended, the refresh and access tokens
// issued under it are revoked (offline_access grants are not tied to a session and survive), the end is
// audited ("session.ended" with the reason), and every client the session signed in to that
// registered a backchannel_logout_uri gets a logout token (Back-Channel Logout 1.0 §2.5) queued on
// the BackchannelSender — queued, never sent inline, so the user's request never waits on an RP.
#include <cstddef>
#include <string_view>

#include "core/clock.hpp"
#include "core/random.hpp"
#include "oauth/signing_keys.hpp"
#include "oidc/backchannel.hpp"
#include "store/models.hpp"
#include "store/store.hpp"

namespace authly::oidc {

struct SessionEndDeps {
  store::Store& store;
  oauth::SigningKeys& keys;
  BackchannelSender& backchannel;
  core::Random& rng;
  std::string_view issuer;
  std::string_view pairwise_key;  // for the clients' `sub` (subject.hpp)
};

struct SessionEndResult {
  bool ended = false;        // false: the session had already ended (nothing audited or sent)
  std::size_t notified = 0;  // logout tokens queued
};

// Ends `session` at `now`. `reason` goes to the audit detail ("logout", "rp_logout", ...); `ip` is
// the caller's address for the audit row. The row update, the revocation and the audit event
// commit together; the refresh tokens are revoked even when the session had already been ended
// elsewhere. Logout tokens are signed and queued after the commit; a client whose token cannot be
// signed is logged and skipped (the session is ended either way). Throws on a store failure.
SessionEndResult end_session(const SessionEndDeps& deps, const store::Session& session, std::string_view reason,
                             std::string_view ip, core::TimePoint now);

}  // namespace authly::oidc
