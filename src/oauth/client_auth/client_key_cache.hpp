#pragma once
// Verification keys of private_key_jwt clients (OIDC Core §9, RFC 7523 §2.2): the registered `jwks`
// document, or `jwks_uri` fetched and cached per client so that a token request does not wait on
// the client's server each time. Thread-safe.
//
// A jwks_uri is a URL of the client's choosing that Authly requests while a token request waits;
// a server that accepts and never answers must not tie up the threads that serve requests. So:
// fetches run elsewhere (JwksFetch hands them to a bounded executor and fails fast when it is
// full); concurrent requests for one client share one fetch (single-flight) and wait for it at
// most `max_wait` from its start; a failed fetch is remembered for `failure_backoff`, during which
// the client's requests are refused at once; and fetches for one client are at least
// `min_refetch` apart.
#include <chrono>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "jose/jwk_set.hpp"
#include "oauth/outbound_url.hpp"
#include "store/models.hpp"

namespace authly::oauth {

// The outcome of one jwks_uri request: the document, or nullopt on any failure (address policy,
// network, status, size).
using JwksDocument = std::optional<std::string>;
// Starts fetching `url` for a client registered by `who` off the caller's thread and returns the
// future outcome; nullopt when the fetcher is saturated (the caller fails fast instead of queueing).
using JwksFetch = std::function<std::optional<std::shared_future<JwksDocument>>(const std::string& url, Registrar who)>;

struct KeyCachePolicy {
  std::chrono::seconds ttl{300};             // a fetched document is used this long
  std::chrono::seconds min_refetch{30};      // at least this long between two fetches for one client
  std::chrono::seconds failure_backoff{60};  // after a failed fetch, the client is refused at once this long
  std::chrono::milliseconds max_wait{1000};  // a request waits at most this long after the fetch started
};

class ClientKeyCache {
 public:
  explicit ClientKeyCache(JwksFetch fetch, KeyCachePolicy policy = {});

  // The client's keys: its registered `jwks` when set, else its `jwks_uri` document (cached for
  // policy.ttl). With `refresh` (the assertion named an unknown kid: the client may have rotated) a
  // cached document is fetched again if the last fetch is older than policy.min_refetch. nullptr
  // when there are no usable keys, including while a fetch is pending past max_wait, during the
  // failure backoff and when the fetcher is saturated.
  std::shared_ptr<const jose::JwkSet> keys_for(const store::Client& client, core::TimePoint now, bool refresh = false);

 private:
  struct Entry {
    std::string uri;
    std::shared_ptr<const jose::JwkSet> keys;  // the last good document
    core::TimePoint fetched_at{};              // when `keys` arrived
    core::TimePoint attempted_at{};            // when the last fetch started
    std::optional<core::TimePoint> failed_at;  // the last fetch failed, at this time
    std::optional<std::shared_future<JwksDocument>> in_flight;
    std::chrono::steady_clock::time_point wait_deadline{};
  };
  // Records a finished in-flight fetch, if there is one. Called with mutex_ held.
  void collect(Entry& e, core::TimePoint now);
  std::shared_ptr<const jose::JwkSet> fresh_keys(const Entry& e, core::TimePoint now) const;

  JwksFetch fetch_;
  KeyCachePolicy policy_;
  std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> entries_;  // by client_id
};

}  // namespace authly::oauth
