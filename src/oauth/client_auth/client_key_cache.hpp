#pragma once
// Verification keys of private_key_jwt clients (OIDC Core §9, RFC 7523 §2.2): the registered `jwks`
// document, or `jwks_uri` fetched over https and cached per client for a few minutes so that a
// token request does not wait on the client's server each time. Thread-safe.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "jose/jwk_set.hpp"
#include "store/models.hpp"

namespace authly::oauth {

// Fetches a JWK Set document; nullopt on any failure (network, status, size, scheme).
using JwksFetch = std::function<std::optional<std::string>(const std::string& url)>;

class ClientKeyCache {
 public:
  explicit ClientKeyCache(JwksFetch fetch, std::chrono::seconds ttl = std::chrono::seconds(300),
                          std::chrono::seconds min_refetch = std::chrono::seconds(30));

  // The client's keys: its registered `jwks` when set, else its `jwks_uri` document (cached for
  // `ttl`). With `refresh` (the assertion named an unknown kid: the client may have rotated) a
  // cached document older than `min_refetch` is fetched again. nullptr when there are no usable keys.
  std::shared_ptr<const jose::JwkSet> keys_for(const store::Client& client, core::TimePoint now, bool refresh = false);

 private:
  struct Entry {
    std::string uri;
    std::shared_ptr<const jose::JwkSet> keys;
    core::TimePoint fetched_at{};
  };
  JwksFetch fetch_;
  std::chrono::seconds ttl_;
  std::chrono::seconds min_refetch_;
  std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> entries_;  // by client_id
};

// The production fetcher: libcurl, https only, no redirects, 2 s connect / 3 s total, 64 KiB max,
// HTTP 200 only.
std::optional<std::string> fetch_jwks_https(const std::string& url);

}  // namespace authly::oauth
