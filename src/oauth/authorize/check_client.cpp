#include "oauth/authorize/checks.hpp"

namespace authly::oauth::authorize {

// RFC 6749 §4.1.2.1: with a missing or invalid client_id the server must not redirect, since it
// cannot know whether the redirect URI belongs to anyone.
std::optional<OAuthError> check_client(const Params& params, const ClientLookup& lookup, store::Client& client) {
  const auto n = count(params, "client_id");
  if (n == 0) return make_error(ErrorCode::invalid_request, "client_id is required");
  if (n > 1) return make_error(ErrorCode::invalid_request, "client_id must not be repeated");
  const auto id = *single(params, "client_id");
  auto found = id.empty() ? std::nullopt : lookup(id);
  if (!found || !found->is_active) return make_error(ErrorCode::invalid_client, "unknown client", "client_id=" + id);
  client = std::move(*found);
  return std::nullopt;
}

}  // namespace authly::oauth::authorize
