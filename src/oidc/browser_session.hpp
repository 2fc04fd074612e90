#pragma once
// The browser session behind single sign-on, as use-cases: resuming it from its cookie and
// starting it after a password sign-in. Cookies are HTTP's (endpoints/browser_session.hpp); here
// the session is the store row keyed by the SHA-256 of the cookie's 256-bit secret.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/random.hpp"
#include "oidc/session_end.hpp"
#include "store/models.hpp"
#include "store/store.hpp"

namespace authly::oidc {

struct BrowserSessionDeps {
  store::Store& store;
  SessionEndDeps end;  // a session found idle, or replaced, ends the one way sessions end
  std::chrono::seconds idle_ttl;
  std::chrono::seconds absolute_ttl;
};

// The live session whose cookie hashes to `id_hash`: not ended, before its absolute expiry, used
// within the idle lifetime (oauth/session_lifetime.hpp), its user still active. A session found
// idle is ended ("idle_timeout": its refresh tokens die, its clients are told). The use is
// recorded (oidc/session_activity.hpp). nullopt when there is no such session.
std::optional<store::Session> resume_session(const BrowserSessionDeps& deps, const std::string& id_hash,
                                             std::string_view ip, core::TimePoint now);

// The row of a session for `user_id` signed in by password at `now` (RFC 8176 amr "pwd", acr
// "1": the levels discovery publishes); a pure function of its inputs.
store::Session new_session_row(const std::string& user_id, const std::string& id_hash, const std::string& sid,
                               core::TimePoint now, std::chrono::seconds absolute_ttl);

struct StartedSession {
  store::Session session;
  std::string secret;  // the cookie value; the store keeps only its SHA-256
};

// Starts a session for `user_id` at `now`. The session the browser had (prompt=login, another
// user) ends first ("replaced"), so its sid is gone for every client that signed in under it.
StartedSession start_session(const BrowserSessionDeps& deps, const std::string& user_id,
                             const std::optional<store::Session>& replaced, core::TimePoint now);

// Ends the session whose cookie hashes to `id_hash`, if it is still going (logout at
// /auth/logout): the one way sessions end (session_end.hpp), with `reason` for the audit.
void end_browser_session(const BrowserSessionDeps& deps, const std::string& id_hash, std::string_view reason,
                         std::string_view ip, core::TimePoint now);

// The username of the session's user, for pages that greet them (empty if the user is gone).
std::string session_username(const BrowserSessionDeps& deps, const store::Session& session);

}  // namespace authly::oidc
