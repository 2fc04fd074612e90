#include "endpoints/too_many_requests.hpp"

#include <string>

#include "endpoints/browser_page.hpp"
#include "endpoints/oauth_response.hpp"

namespace authly::endpoints {
namespace {

http::Response with_retry_after(http::Response r, std::chrono::seconds retry_after) {
  r.status = 429;
  r.headers.set("Retry-After", std::to_string(std::max<long long>(retry_after.count(), 1)));
  return r;
}

}  // namespace

http::Response too_many_requests_page(std::chrono::seconds retry_after) {
  return with_retry_after(
      error_page(429, "Too many requests from your network. Wait a moment and try again.", "temporarily_unavailable"),
      retry_after);
}

http::Response too_many_requests_json(std::chrono::seconds retry_after) {
  // RFC 7591 has no code for this; temporarily_unavailable (RFC 6749 §4.1.2.1) is the OAuth word for it.
  return with_retry_after(
      oauth_error_response(oauth::make_error(oauth::ErrorCode::temporarily_unavailable,
                                             "too many requests from this address, try again later")),
      retry_after);
}

}  // namespace authly::endpoints
