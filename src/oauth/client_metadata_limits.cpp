#include "oauth/client_metadata_limits.hpp"

#include <string>
#include <vector>

namespace authly::oauth {
namespace {

OAuthError too_large(const char* what, std::string detail) {
  return make_error(ErrorCode::invalid_client_metadata, what, std::move(detail));
}

}  // namespace

std::optional<OAuthError> check_metadata_limits(const ClientMetadata& m) {
  struct List {
    const std::vector<std::string>& items;
    const char* too_many;
    const char* too_long;
  };
  for (const List& l : {List{m.redirect_uris, "redirect_uris has too many entries", "a redirect URI is too long"},
                        List{m.post_logout_redirect_uris, "post_logout_redirect_uris has too many entries",
                             "a post-logout redirect URI is too long"},
                        List{m.grant_types, "grant_types has too many entries", "a grant type is too long"},
                        List{m.response_types, "response_types has too many entries", "a response type is too long"}}) {
    if (l.items.size() > kMaxMetadataListItems) return too_large(l.too_many, std::to_string(l.items.size()));
    for (const auto& item : l.items)
      if (item.size() > kMaxMetadataUriBytes) return too_large(l.too_long, std::to_string(item.size()) + " bytes");
  }
  struct Uri {
    const std::string& value;
    const char* too_long;
  };
  for (const Uri& u :
       {Uri{m.jwks_uri, "jwks_uri is too long"}, Uri{m.backchannel_logout_uri, "backchannel_logout_uri is too long"},
        Uri{m.sector_identifier_uri, "sector_identifier_uri is too long"}})
    if (u.value.size() > kMaxMetadataUriBytes) return too_large(u.too_long, std::to_string(u.value.size()) + " bytes");
  return std::nullopt;
}

}  // namespace authly::oauth
