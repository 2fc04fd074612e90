#pragma once
// The browser session behind single sign-on: cookie `authly_session` holds a 256-bit random value;
// the store keeps only its SHA-256 (Session::id_hash). HttpOnly, SameSite=Lax, Path=/, Secure when
// the issuer is https (DESIGN.md §7). Idle and absolute lifetimes come from config.session.
#include <optional>
#include <string>

#include "endpoints/context.hpp"
#include "http/cookies.hpp"
#include "http/request.hpp"
#include "oidc/browser_session.hpp"
#include "store/models.hpp"

namespace authly::endpoints {

inline constexpr std::string_view kSessionCookie = "authly_session";

bool secure_cookies(const config::Config& config);

// The caller's live session (oidc::resume_session), found by its cookie. nullopt otherwise.
std::optional<store::Session> current_session(EndpointContext& ctx, const http::Request& req, core::TimePoint now);

struct StartedSession {
  store::Session session;
  std::string set_cookie;  // Set-Cookie value carrying the new secret
};

// A new session for `user_id` authenticated by password at `now` (oidc::start_session, which ends
// `replaced`) and the cookie that carries it.
StartedSession start_session(EndpointContext& ctx, const std::string& user_id, core::TimePoint now,
                             const std::optional<store::Session>& replaced);

// Set-Cookie value that removes the session cookie.
std::string clear_session_cookie(const config::Config& config);

// The SHA-256 of the session cookie the request carries, if any.
std::optional<std::string> session_cookie_hash(const http::Request& req);

}  // namespace authly::endpoints
