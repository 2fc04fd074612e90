#pragma once
// RFC 6749 §5.2 (and §4.1.2.1, RFC 6750 §3): error_description is limited to %x20-21 / %x23-5B /
// %x5D-7E. Descriptions are fixed texts and request input goes to OAuthError::detail; this is the
// serialisers' last line of defence should a description ever carry anything else.
#include <string>
#include <string_view>

namespace authly::oauth {

// `description` with every character outside the RFC 6749 §5.2 set replaced by '?': each control
// character, '"' and '\' by one '?', each UTF-8 sequence (or stray non-ASCII byte) by one '?'.
std::string client_safe_description(std::string_view description);

}  // namespace authly::oauth
