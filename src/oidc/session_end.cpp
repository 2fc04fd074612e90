#include "oidc/session_end.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <vector>

#include "oauth/audit.hpp"
#include "observability/logger.hpp"
#include "oidc/logout_token.hpp"
#include "oidc/subject.hpp"

namespace authly::oidc {

SessionEndResult end_session(const SessionEndDeps& deps, const store::Session& session, std::string_view reason,
                             std::string_view ip, core::TimePoint now) {
  SessionEndResult result;
  std::vector<store::Client> to_notify;
  deps.store.transaction([&](store::Store& tx) {
    result.ended = tx.sessions().end(session.id_hash, now);
    // Revoked whatever ended the row: a path that ended it without revoking leaves no live tokens.
    tx.tokens().revoke_for_session(session.id_hash, now);
    // And the access tokens issued under it, so no API (userinfo included) honours them any more.
    tx.tokens().deny_session_access_tokens(session.id_hash);
    if (!result.ended) return;  // whoever ended it first audited and notified
    for (const auto& id : tx.sessions().clients(session.id_hash)) {
      auto client = tx.clients().find(id);
      if (client && client->is_active && !client->backchannel_logout_uri.empty()) to_notify.push_back(*client);
    }
    boost::json::object detail;
    detail["reason"] = reason;
    detail["backchannel_clients"] = to_notify.size();
    oauth::audit(tx, now, "session.ended", session.user_id, session.user_id, std::string(ip), detail);
  });

  // After the commit: the session is over whatever happens to the notifications, so a key or
  // signing failure for one client must not turn the user's logout into an error page.
  for (const auto& client : to_notify) {
    try {
      LogoutTokenClaims claims;
      claims.issuer = std::string(deps.issuer);
      claims.audience = client.id;
      claims.subject = subject_for(client, session.user_id, deps.pairwise_key);
      claims.sid = session.sid;
      claims.jti = core::random_token(deps.rng, 32);
      claims.issued_at = now;
      const auto key = deps.keys.active(id_token_algorithm(client));
      deps.backchannel.enqueue({client.id, client.backchannel_logout_uri, issue_logout_token(*key, claims),
                                client.registered_by_admin ? oauth::Registrar::administrator : oauth::Registrar::self});
      ++result.notified;
    } catch (const std::exception& e) {
      observability::error("backchannel_logout.not_sent", {{"client_id", client.id}, {"error", e.what()}});
    }
  }
  return result;
}

}  // namespace authly::oidc
