#pragma once
// The origin of a URL as a browser serializes it in the Origin header, for the two places Authly
// compares against one: CORS (which web origins may call the token-side endpoints) and the
// same-origin check on state-changing pages.
#include <optional>
#include <string>
#include <string_view>

namespace authly::core {

// The ASCII serialization of `url`'s origin (RFC 6454 §6.2; the Fetch standard's "byte-serializing
// a request origin"): lower-case scheme and host, then ":" and the port number unless it is the
// scheme's default. Only http and https URLs with a host have one; nullopt for anything else (a
// native app's private-use scheme, a relative reference, a URN: a browser sends no such origin).
std::optional<std::string> web_origin(std::string_view url);

}  // namespace authly::core
