#include "oidc/browser_session.hpp"

#include "crypto/hash.hpp"
#include "oauth/session_lifetime.hpp"
#include "oidc/session_activity.hpp"

namespace authly::oidc {

std::optional<store::Session> resume_session(const BrowserSessionDeps& deps, const std::string& id_hash,
                                             std::string_view ip, core::TimePoint now) {
  auto session = deps.store.sessions().find_active(id_hash, now);
  if (!session) return std::nullopt;
  if (oauth::session_idle_expired(*session, now, deps.idle_ttl)) {
    end_session(deps.end, *session, "idle_timeout", ip, now);
    return std::nullopt;
  }
  if (!oauth::session_alive(*session, now, deps.idle_ttl)) return std::nullopt;
  auto user = deps.store.users().find_by_id(session->user_id);
  if (!user || !user->is_active) return std::nullopt;
  note_session_use(deps.store, *session, now, deps.idle_ttl);
  return session;
}

store::Session new_session_row(const std::string& user_id, const std::string& id_hash, const std::string& sid,
                               core::TimePoint now, std::chrono::seconds absolute_ttl) {
  store::Session s;
  s.id_hash = id_hash;
  s.user_id = user_id;
  s.sid = sid;
  s.amr = "pwd";         // RFC 8176
  s.acr.assign(1, '1');  // password sign-in: ISO/IEC 29115 level 1 (discovery's acr_values_supported)
  s.auth_time = now;
  s.created_at = now;
  s.last_seen_at = now;
  s.expires_at = now + absolute_ttl;
  return s;
}

StartedSession start_session(const BrowserSessionDeps& deps, const std::string& user_id,
                             const std::optional<store::Session>& replaced, core::TimePoint now) {
  std::string secret = core::random_token(deps.end.rng, 32);
  auto row = new_session_row(user_id, crypto::sha256_hex(secret), core::random_token(deps.end.rng, 32), now,
                             deps.absolute_ttl);
  if (replaced) end_session(deps.end, *replaced, "replaced", "", now);
  deps.store.sessions().create(row);
  return {std::move(row), std::move(secret)};
}

void end_browser_session(const BrowserSessionDeps& deps, const std::string& id_hash, std::string_view reason,
                         std::string_view ip, core::TimePoint now) {
  if (auto session = deps.store.sessions().find_active(id_hash, now)) end_session(deps.end, *session, reason, ip, now);
}

std::string session_username(const BrowserSessionDeps& deps, const store::Session& session) {
  auto user = deps.store.users().find_by_id(session.user_id);
  return user ? user->username : std::string();
}

}  // namespace authly::oidc
