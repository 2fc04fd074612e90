#pragma once
// Registration-time rules for a client's redirect URIs (OAuth 2.1 §2.3.1, RFC 9700 §2.1,
// RFC 8252 §7 for native apps). Authorization requests later match them exactly.
#include <optional>
#include <string>
#include <string_view>

namespace authly::oauth {

enum class ClientKind { confidential, public_ };

// nullopt when `uri` may be registered; otherwise a message saying why not (safe to show).
// Rules: absolute URI; no fragment; no user-info; never javascript:, data:, vbscript: or file:;
// https anywhere; http only on a loopback host (127.0.0.0/8, [::1], localhost); other
// (private-use) schemes only for public clients, i.e. native apps (RFC 8252 §7.1).
std::optional<std::string> check_registered_redirect_uri(std::string_view uri, ClientKind kind);

bool is_loopback_host(std::string_view host);

}  // namespace authly::oauth
