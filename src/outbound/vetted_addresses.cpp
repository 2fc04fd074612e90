#include "outbound/vetted_addresses.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>

namespace authly::outbound {
namespace {

std::string numeric(const sockaddr* sa) {
  char text[INET6_ADDRSTRLEN] = {};
  if (sa->sa_family == AF_INET)
    ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, text, sizeof text);
  else if (sa->sa_family == AF_INET6)
    ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr, text, sizeof text);
  return text;
}

}  // namespace

std::optional<oauth::AddressClass> classify_numeric(const std::string& address) {
  return oauth::classify_ip_literal(address);
}

core::Result<std::vector<std::string>, VetFailure> resolve_vetted(const oauth::OutboundUrl& url, oauth::Registrar who) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(url.port);
  if (const int rc = ::getaddrinfo(url.host.c_str(), port.c_str(), &hints, &found); rc != 0)
    return core::fail(VetFailure{false, std::string("resolution failed: ") + ::gai_strerror(rc)});
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> guard(found, &::freeaddrinfo);

  std::vector<std::string> addresses;
  std::vector<oauth::AddressClass> classes;
  for (const addrinfo* ai = found; ai != nullptr; ai = ai->ai_next) {
    if (ai->ai_family != AF_INET && ai->ai_family != AF_INET6) continue;
    auto text = numeric(ai->ai_addr);
    if (std::find(addresses.begin(), addresses.end(), text) != addresses.end()) continue;
    const auto c = classify_numeric(text);
    // An answer we cannot classify is refused like any other doubtful one.
    classes.push_back(c.value_or(oauth::AddressClass::reserved));
    addresses.push_back(std::move(text));
  }
  if (addresses.empty()) return core::fail(VetFailure{false, "no IPv4 or IPv6 address"});
  if (auto why = oauth::check_resolved_addresses(url, classes, who))
    return core::fail(VetFailure{true, std::move(*why)});
  return addresses;
}

}  // namespace authly::outbound
