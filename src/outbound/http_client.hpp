#pragma once
// The one HTTP client for requests Authly makes on behalf of a client. Each request:
//   1. parses and normalises the URL with the client's registrar (oauth::parse_outbound_url);
//   2. resolves the host itself and vets every address (vetted_addresses.hpp);
//   3. hands libcurl only the vetted addresses (CURLOPT_RESOLVE) and vetoes, at socket creation,
//      any address that is not one of them (CURLOPT_OPENSOCKETFUNCTION): no second resolution can
//      swap in another address between the check and the connect (DNS rebinding);
//   4. never follows redirects, ignores proxy settings from the environment, bounds time and size.
// Blocking: call it from a fetch or delivery thread, never from a request thread.
#include <chrono>
#include <cstddef>
#include <string>

#include "oauth/outbound_url.hpp"

namespace authly::outbound {

struct OutboundRequest {
  std::string url;
  oauth::Registrar registrar = oauth::Registrar::self;
  std::string method = "GET";                // GET or POST
  std::string body;                          // POST only
  std::string content_type;                  // POST only
  std::chrono::milliseconds timeout{3'000};  // connect + transfer
  std::size_t max_response_bytes = 64 * 1024;
};

struct OutboundResponse {
  long status = 0;       // HTTP status; 0 when there is none
  bool refused = false;  // the address policy refused the URL or what it resolved to
  std::string body;      // up to max_response_bytes
  std::string error;     // why there is no status (log only: may name the URL's host)
};

OutboundResponse perform(const OutboundRequest& request);

}  // namespace authly::outbound
