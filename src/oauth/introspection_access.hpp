#pragma once
// Who may introspect an access token (RFC 7662 §4: the server decides what a caller may learn, and
// a token must not be disclosed to parties it was not issued for). The token's own client may; so
// may a resource server the token is meant for, i.e. whose client_id is in the token's `aud`. The
// issuer in `aud` names Authly itself (userinfo), never a client. Everyone else learns only
// {"active":false}, exactly as for an unknown token.
#include <string>
#include <string_view>
#include <vector>

namespace authly::oauth {

bool may_introspect_access_token(std::string_view caller_client_id, std::string_view token_client_id,
                                 const std::vector<std::string>& audience, std::string_view issuer);

}  // namespace authly::oauth
