#include "endpoints/browser_session.hpp"

#include "crypto/hash.hpp"

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
    ctx.store.sessions().end(session->id_hash, now);
    return std::nullopt;
  }
  auto user = ctx.store.users().find_by_id(session->user_id);
  if (!user || !user->is_active) return std::nullopt;
  ctx.store.sessions().touch(session->id_hash, now);
  session->last_seen_at = now;
  return session;
}

StartedSession start_session(EndpointContext& ctx, const std::string& user_id, core::TimePoint now,
                             const std::optional<store::Session>& replaced) {
  const std::string secret = core::random_token(ctx.rng, 32);
  store::Session s;
  s.id_hash = crypto::sha256_hex(secret);
  s.user_id = user_id;
  s.sid = core::random_token(ctx.rng, 32);
  s.amr = "pwd";
  s.auth_time = now;
  s.created_at = now;
  s.last_seen_at = now;
  s.expires_at = now + std::chrono::seconds(ctx.config.session.absolute_ttl_s);
  ctx.store.transaction([&](store::Store& tx) {
    if (replaced) tx.sessions().end(replaced->id_hash, now);
    tx.sessions().create(s);
  });

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
