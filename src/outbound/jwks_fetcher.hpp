#pragma once
// The production oauth::JwksFetch: jwks_uri documents fetched on a FetchExecutor through the
// outbound HTTP client (GET, no redirects, 3 s, 64 KiB, HTTP 200 only, address policy of the
// client's registrar).
#include "oauth/client_auth/client_key_cache.hpp"
#include "outbound/fetch_executor.hpp"

namespace authly::outbound {

inline constexpr std::chrono::milliseconds kJwksFetchTimeout{3'000};
inline constexpr std::size_t kMaxJwksBytes = 64 * 1024;

// One blocking fetch: the document, or nullopt (the reason is logged as jwks_uri.fetch_failed).
oauth::JwksDocument fetch_jwks(const std::string& url, oauth::Registrar who);

// Runs fetch_jwks on `executor` (which must outlive the returned function); nullopt when the
// executor refuses the job.
oauth::JwksFetch make_jwks_fetch(FetchExecutor& executor);

}  // namespace authly::outbound
