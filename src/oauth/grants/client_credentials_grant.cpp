#include "oauth/grants/client_credentials_grant.hpp"

#include <algorithm>
#include <vector>

#include "oauth/client_grants.hpp"
#include "oauth/grants/requested_scope.hpp"
#include "oauth/grants/token_issuer.hpp"
#include "oauth/scope_syntax.hpp"

namespace authly::oauth {
namespace {

std::string default_scopes(store::Store& store) {
  std::vector<std::string> names;
  for (const auto& s : store.scopes().list())
    if (s.is_default) names.push_back(s.name);
  return join_scope(names);
}

}  // namespace

core::Result<TokenResponse, OAuthError> client_credentials_grant(GrantContext& ctx, const store::Client& client,
                                                                 const ClientCredentialsRequest& request) {
  // §4.4: "MUST only be used by confidential clients"; a public client has no credentials to prove.
  if (client.type != store::ClientType::confidential)
    return core::fail(make_error(ErrorCode::unauthorized_client, "client_credentials is for confidential clients"));
  if (!client_allows(client, "client_credentials"))
    return core::fail(make_error(ErrorCode::unauthorized_client, "client may not use the client_credentials grant"));
  auto scope =
      narrow_scope(request.scope, client.scope, client.scope.empty() ? default_scopes(ctx.store) : client.scope);
  if (!scope) return core::fail(std::move(scope).error());

  auto access = mint_access_token(ctx, client, {}, *scope, std::nullopt);
  audit(ctx.store, ctx.now, "token.issued", client.id, client.id, ctx.client_ip,
        R"({"grant_type":"client_credentials"})");
  TokenResponse out;
  out.access_token = access.token;
  out.expires_in = ctx.policy.access_token_ttl.count();
  out.scope = *scope;
  return out;
}

}  // namespace authly::oauth
