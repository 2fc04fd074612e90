#pragma once
// DNS resolution with the outbound address policy applied to every answer (oauth/outbound_url.hpp):
// the addresses a request may connect to, and nothing else. The caller pins the connection to them.
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "oauth/outbound_url.hpp"

namespace authly::outbound {

struct VetFailure {
  bool refused = false;  // the policy refused an address (false: the name did not resolve)
  std::string reason;    // log only
};

// Resolves url.host (an IP literal resolves to itself) and checks every address with
// oauth::check_resolved_addresses. The numeric addresses ("192.0.2.7", "2001:db8::1"), or why
// not. Blocking (getaddrinfo): call it from a fetch thread, never a request thread.
core::Result<std::vector<std::string>, VetFailure> resolve_vetted(const oauth::OutboundUrl& url, oauth::Registrar who);

// The policy class of a socket address given as a numeric string; nullopt when it is not one.
std::optional<oauth::AddressClass> classify_numeric(const std::string& address);

}  // namespace authly::outbound
