// RFC 7591 client metadata as the registration endpoint receives it (oauth/client_metadata.hpp),
// then every registry rule ClientService applies to the parsed values that needs no database:
// size caps, redirect URIs, outbound URLs, algorithms, subject type, the client's JWK Set and its
// scope syntax. Invariants: nothing throws, and every refusal's description stays within the
// RFC 6749 §5.2 error_description characters (fixed texts; input goes to the log detail only).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "oauth/checks/registered_redirect_uri.hpp"
#include "oauth/client_jwks.hpp"
#include "oauth/client_metadata.hpp"
#include "oauth/client_metadata_limits.hpp"
#include "oauth/scope_syntax.hpp"

using namespace authly::oauth;

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

bool is_description_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u == 0x20 || u == 0x21 || (u >= 0x23 && u <= 0x5b) || (u >= 0x5d && u <= 0x7e);
}

void require_safe(const OAuthError& error) {
  for (char c : error.description) require(is_description_char(c));
}

void registry_rules(const ClientMetadata& m) {
  const std::string type = effective_client_type(m);
  const ClientKind kind = type == "public" ? ClientKind::public_ : ClientKind::confidential;
  for (const auto& uri : m.redirect_uris) (void)check_registered_redirect_uri(uri, kind);
  for (const auto& uri : m.post_logout_redirect_uris) (void)check_registered_redirect_uri(uri, kind);
  for (Registrar who : {Registrar::self, Registrar::administrator}) {
    if (!m.jwks_uri.empty()) (void)check_jwks_uri(m.jwks_uri, who);
    if (!m.backchannel_logout_uri.empty()) (void)check_backchannel_logout_uri(m.backchannel_logout_uri, who);
  }
  if (!m.jwks.empty()) (void)parse_client_jwks(std::string_view(m.jwks));
  (void)check_id_token_signed_response_alg(m.id_token_signed_response_alg);
  (void)check_userinfo_signed_response_alg(m.userinfo_signed_response_alg);
  if (!m.sector_identifier_uri.empty()) (void)check_sector_identifier_uri(m.sector_identifier_uri);
  (void)check_subject_type(m.subject_type.empty() ? "public" : m.subject_type, m.sector_identifier_uri,
                           m.redirect_uris);
  std::vector<std::string> scopes;
  if (parse_scope_list(m.scope, scopes) == ScopeSyntax::ok) require(scopes.size() <= kMaxScopeTokens);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  auto parsed = parse_client_metadata(json);
  if (!parsed) {
    require_safe(parsed.error());
    return 0;
  }
  if (auto too_big = check_metadata_limits(*parsed)) {
    require_safe(*too_big);
    return 0;
  }
  registry_rules(*parsed);
  return 0;
}
