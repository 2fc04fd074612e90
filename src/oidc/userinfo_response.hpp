#pragma once
// OIDC Core §5.3.2 signed UserInfo responses, for clients that registered
// userinfo_signed_response_alg (OIDC Registration §2).
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "jose/algorithm.hpp"
#include "jose/signing_key.hpp"
#include "store/models.hpp"

namespace authly::oidc {

// The algorithm the client's UserInfo responses are signed with; nullopt when it registered none
// (the response is plain JSON). Throws std::runtime_error for a stored value registration refuses
// (none, HS256, unknown): a server-side fault, never a reason to fall back to unsigned JSON.
std::optional<jose::Algorithm> userinfo_signing_alg(const store::Client& client);

// §5.3.2: `claims` plus iss (`issuer`) and aud (`client_id`), which replace any member of those
// names, as a compact JWS with header typ "JWT" and the key's alg and kid.
std::string sign_userinfo(const jose::SigningKey& key, boost::json::object claims, std::string_view issuer,
                          std::string_view client_id);

}  // namespace authly::oidc
