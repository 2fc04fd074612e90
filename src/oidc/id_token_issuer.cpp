#include "oidc/id_token_issuer.hpp"

#include <chrono>
#include <stdexcept>

#include "oidc/claims.hpp"
#include "oidc/id_token.hpp"
#include "oidc/subject.hpp"

namespace authly::oidc {
namespace {

jose::Algorithm id_token_alg(const store::Client& client) {
  if (client.id_token_signed_response_alg.empty()) return jose::Algorithm::RS256;
  auto alg = jose::algorithm_from_string(client.id_token_signed_response_alg);
  // Registration refuses these; a row that holds one anyway is a server-side fault, not the caller's.
  if (!alg || *alg == jose::Algorithm::HS256)
    throw std::runtime_error("client " + client.id + " has an unusable id_token_signed_response_alg");
  return *alg;
}

std::vector<std::string> split_spaces(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    auto end = s.find(' ', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

IdTokenIssuer::IdTokenIssuer(const config::Config& config, oauth::SigningKeys& keys, store::Store& store,
                             std::string pairwise_key)
    : config_(config), keys_(keys), store_(store), pairwise_key_(std::move(pairwise_key)) {}

std::string IdTokenIssuer::mint(const oauth::IdTokenRequest& r) {
  const auto alg = id_token_alg(r.client);
  const auto key = keys_.active(alg);
  if (!key) throw std::runtime_error("no signing key for " + std::string(jose::to_string(alg)));

  IdTokenClaims c;
  c.issuer = config_.issuer;
  c.subject = subject_for(r.client, r.user_id, pairwise_key_);
  c.audience = r.client.id;
  c.azp = r.client.id;
  c.issued_at = r.now;
  c.expires_at = r.now + std::chrono::seconds(config_.oidc.id_token_ttl_s);
  c.auth_time = r.auth_time;
  c.nonce = r.nonce;
  c.acr = r.acr;
  c.amr = split_spaces(r.amr);
  c.sid = r.sid;
  if (!r.access_token.empty()) c.at_hash = at_hash(r.access_token, key->algorithm());

  if (!r.claims.empty()) {
    // Validated at the authorization endpoint; a stored value that no longer parses releases nothing.
    auto requested = oauth::parse_claims_request(r.claims);
    // Only claims of the scopes the client is registered for (§5.4), whatever a token issued
    // before that rule, or before the client's registration narrowed, still names.
    if (requested) oauth::restrict_claims(requested->id_token, oauth::claims_of_scopes(r.client.scope));
    if (requested && !requested->id_token.empty()) {
      auto user = store_.users().find_by_id(r.user_id);
      if (!user) throw std::runtime_error("user of an ID token request not found");
      c.extra = user_claims(*user, {}, requested->id_token);
    }
  }
  return issue_id_token(*key, c);
}

}  // namespace authly::oidc
