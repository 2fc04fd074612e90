#include "oidc/logout_request.hpp"

#include <algorithm>

#include "core/constant_time.hpp"
#include "oidc/subject.hpp"

namespace authly::oidc {

core::Result<LogoutRequest, LogoutRefusal> validate_logout_request(const LogoutRequestDeps& deps,
                                                                   const LogoutParams& params) {
  LogoutRequest out;
  std::string client_id = params.client_id;
  if (!params.id_token_hint.empty()) {
    static const jose::JwkSet kNoKeys;
    const auto keys = deps.keys.published();
    auto hint = verify_id_token_hint(params.id_token_hint, keys ? *keys : kNoKeys, deps.issuer);
    if (!hint) return core::fail(LogoutRefusal{hint.error().description + ".", hint.error().detail});
    auto client = hint_client(*hint, client_id);
    if (!client) return core::fail(LogoutRefusal{client.error().description + ".", {}});
    client_id = std::move(*client);
    out.hint = std::move(*hint);
  }
  if (!client_id.empty()) {
    out.client = deps.store.clients().find(client_id);
    if (!out.client || !out.client->is_active)
      return core::fail(LogoutRefusal{"The client is unknown or disabled.", {}});
  }
  out.post_logout_redirect_uri = params.post_logout_redirect_uri;
  if (!out.post_logout_redirect_uri.empty()) {
    if (!out.client)
      return core::fail(
          LogoutRefusal{"post_logout_redirect_uri needs id_token_hint or client_id to name the client.", {}});
    const auto& registered = out.client->post_logout_redirect_uris;
    if (std::find(registered.begin(), registered.end(), out.post_logout_redirect_uri) == registered.end())
      return core::fail(LogoutRefusal{"The post_logout_redirect_uri is not registered for this client.", {}});
  }
  out.state = params.state;
  return out;
}

bool hint_names_session(const LogoutRequest& r, const store::Session& session, std::string_view pairwise_key) {
  if (!r.hint || !r.client) return false;
  if (!r.hint->sid.empty() && !core::constant_time_equals(r.hint->sid, session.sid)) return false;
  return r.hint->subject == subject_for(*r.client, session.user_id, pairwise_key);
}

}  // namespace authly::oidc
