// The redirect-URI rules: registration (oauth/checks/registered_redirect_uri.hpp) and the match of
// an authorization request's redirect_uri against a registered one (authorize/checks.hpp). The
// input is "requested\nregistered". Invariants: nothing throws; a URI matches itself; a requested
// URI that differs from the registered one it matched (a loopback port, RFC 8252 §7.3) is itself
// registrable for the same kind of client, so the port leniency widens nothing else.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "oauth/authorize/checks.hpp"
#include "oauth/checks/registered_redirect_uri.hpp"

using namespace authly::oauth;

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nl = input.find('\n');
  const std::string_view requested = input.substr(0, nl);
  const std::string_view registered = nl == std::string_view::npos ? input : input.substr(nl + 1);

  (void)is_loopback_host(requested);
  require(authorize::redirect_uri_matches(requested, requested));
  const bool matches = authorize::redirect_uri_matches(requested, registered);
  for (ClientKind kind : {ClientKind::public_, ClientKind::confidential}) {
    const bool registrable = !check_registered_redirect_uri(registered, kind);
    if (matches && registrable) require(!check_registered_redirect_uri(requested, kind));
  }
  return 0;
}
