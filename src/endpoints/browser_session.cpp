#include "endpoints/browser_session.hpp"

#include "crypto/hash.hpp"
#include "oidc/browser_session.hpp"

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
  return oidc::resume_session(ctx.use.sessions, *hash, req.remote_address, now);
}

StartedSession start_session(EndpointContext& ctx, const std::string& user_id, core::TimePoint now,
                             const std::optional<store::Session>& replaced) {
  auto started = oidc::start_session(ctx.use.sessions, user_id, replaced, now);
  http::SetCookie cookie;
  cookie.name = std::string(kSessionCookie);
  cookie.value = std::move(started.secret);
  cookie.max_age = std::chrono::seconds(ctx.config.session.absolute_ttl_s);
  cookie.http_only = true;
  cookie.secure = secure_cookies(ctx.config);
  cookie.same_site = http::SameSite::lax;
  return {std::move(started.session), cookie.to_header_value()};
}

std::string clear_session_cookie(const config::Config& config) {
  auto cookie = http::SetCookie::expired(std::string(kSessionCookie));
  cookie.secure = secure_cookies(config);
  return cookie.to_header_value();
}

}  // namespace authly::endpoints
