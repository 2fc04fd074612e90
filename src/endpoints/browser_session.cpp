#include "endpoints/browser_session.hpp"

#include "crypto/hash.hpp"
#include "endpoints/end_session_endpoint.hpp"
#include "oidc/session_activity.hpp"
#include "oidc/session_end.hpp"

namespace authly::endpoints {

bool secure_cookies(const config::Config& config) { return config.issuer.rfind("https://", 0) == 0; }

std::optional<std::string> session_cookie_hash(const http::Request& req) {
  auto cookies = http::Cookies::from_headers(req.headers);
  auto value = cookies.get(kSessionCookie);
  if (!value || value->empty()) return std::nullopt;
  return crypto::sha256_hex(*value);
}

std::optional<store::Session> current_session(EndpointContext& ctx, const http::Request& req, core::TimePoint now) {
  auto hash = session_cookie_hash(req);
  if (!hash) return std::nullopt;
  auto session = ctx.store.sessions().find_active(*hash, now);
  if (!session) return std::nullopt;
  if (session->last_seen_at + std::chrono::seconds(ctx.config.session.idle_ttl_s) <= now) {
    // Ended like every other session end: its refresh tokens die and its clients are told.
    oidc::end_session(session_end_deps(ctx), *session, "idle_timeout", req.remote_address, now);
    return std::nullopt;
  }
  auto user = ctx.store.users().find_by_id(session->user_id);
  if (!user || !user->is_active) return std::nullopt;
  oidc::note_session_use(ctx.store, *session, now, std::chrono::seconds(ctx.config.session.idle_ttl_s));
  return session;
}

StartedSession start_session(EndpointContext& ctx, const std::string& user_id, core::TimePoint now,
                             const std::optional<store::Session>& replaced) {
  const std::string secret = core::random_token(ctx.rng, 32);
  store::Session s;
  s.id_hash = crypto::sha256_hex(secret);
  s.user_id = user_id;
  s.sid = core::random_token(ctx.rng, 32);
  s.amr = "pwd";         // RFC 8176
  s.acr.assign(1, '1');  // password sign-in: ISO/IEC 29115 level 1 (discovery's acr_values_supported)
  s.auth_time = now;
  s.created_at = now;
  s.last_seen_at = now;
  s.expires_at = now + std::chrono::seconds(ctx.config.session.absolute_ttl_s);
  // The session the browser had (prompt=login, another user) ends first, with its back-channel
  // notifications: its sid is gone for every client that signed in under it.
  if (replaced) oidc::end_session(session_end_deps(ctx), *replaced, "replaced", "", now);
  ctx.store.sessions().create(s);

  http::SetCookie cookie;
  cookie.name = std::string(kSessionCookie);
  cookie.value = secret;
  cookie.max_age = std::chrono::seconds(ctx.config.session.absolute_ttl_s);
  cookie.http_only = true;
  cookie.secure = secure_cookies(ctx.config);
  cookie.same_site = http::SameSite::lax;
  return {std::move(s), cookie.to_header_value()};
}

std::string clear_session_cookie(const config::Config& config) {
  auto cookie = http::SetCookie::expired(std::string(kSessionCookie));
  cookie.secure = secure_cookies(config);
  return cookie.to_header_value();
}

}  // namespace authly::endpoints
