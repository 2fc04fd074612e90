// jwks_uri fetches for private_key_jwt (oauth/client_auth/client_key_cache.hpp): concurrent
// requests for one client share one fetch and wait a bounded time; a failure is remembered; a
// saturated fetcher makes requests fail at once. No sockets: the fetch is a promise the test keeps.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json/serialize.hpp>
#include <future>
#include <thread>
#include <vector>

#include "jose/signing_key.hpp"
#include "oauth/client_auth/client_key_cache.hpp"

namespace authly::oauth {
namespace {

using namespace std::chrono_literals;

store::Client uri_client(const std::string& id = "c1") {
  store::Client c;
  c.id = id;
  c.jwks_uri = "https://client.example/jwks";
  return c;
}

std::string one_key_jwks() {
  auto key = jose::SigningKey::generate(jose::Algorithm::ES256);
  return jose::JwkSet(std::vector<jose::Jwk>{key.public_jwk()}).serialize();
}

// A fetch that never finishes until the test says so.
struct PendingFetch {
  std::atomic<int> calls{0};
  std::promise<JwksDocument> outcome;
  std::shared_future<JwksDocument> future = outcome.get_future().share();
  JwksFetch fn() {
    return [this](const std::string&, Registrar) -> std::optional<std::shared_future<JwksDocument>> {
      ++calls;
      return future;
    };
  }
};

KeyCachePolicy short_wait() {
  KeyCachePolicy p;
  p.max_wait = 100ms;
  return p;
}

TEST(JwksFetchSingleFlight, ConcurrentRequestsShareOneFetch) {
  PendingFetch fetch;
  ClientKeyCache cache(fetch.fn(), short_wait());
  const auto now = core::from_unix(1'000);
  std::vector<std::thread> threads;
  std::atomic<int> refused{0};
  for (int i = 0; i < 16; ++i)
    threads.emplace_back([&] {
      if (!cache.keys_for(uri_client(), now)) ++refused;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(fetch.calls.load(), 1);
  EXPECT_EQ(refused.load(), 16);  // none waited past max_wait for a server that does not answer

  // Once the fetch finishes, its keys serve everyone without another fetch.
  fetch.outcome.set_value(one_key_jwks());
  EXPECT_TRUE(cache.keys_for(uri_client(), now + 1s));
  EXPECT_EQ(fetch.calls.load(), 1);
}

TEST(JwksFetchSingleFlight, LaterRequestsDoNotWaitAgainForAPendingFetch) {
  PendingFetch fetch;
  KeyCachePolicy policy;
  policy.max_wait = 300ms;
  ClientKeyCache cache(fetch.fn(), policy);
  const auto now = core::from_unix(1'000);
  EXPECT_FALSE(cache.keys_for(uri_client(), now));  // waited up to 300 ms
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 10; ++i) EXPECT_FALSE(cache.keys_for(uri_client(), now));
  // Generous guard: ten more waits of 300 ms would take 3 s.
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1500ms);
  EXPECT_EQ(fetch.calls.load(), 1);
  fetch.outcome.set_value(std::nullopt);
}

TEST(JwksFetchSingleFlight, FailureIsRememberedForTheBackoff) {
  PendingFetch fetch;
  fetch.outcome.set_value(std::nullopt);  // fails at once
  KeyCachePolicy policy;
  policy.failure_backoff = 60s;
  ClientKeyCache cache(fetch.fn(), policy);
  const auto t0 = core::from_unix(1'000);
  EXPECT_FALSE(cache.keys_for(uri_client(), t0));
  EXPECT_FALSE(cache.keys_for(uri_client(), t0 + 1s));
  EXPECT_FALSE(cache.keys_for(uri_client(), t0 + 59s, true));
  EXPECT_EQ(fetch.calls.load(), 1);
  EXPECT_FALSE(cache.keys_for(uri_client(), t0 + 60s));
  EXPECT_EQ(fetch.calls.load(), 2);
  // Another client is not affected by this one's failure.
  EXPECT_FALSE(cache.keys_for(uri_client("c2"), t0 + 1s));
  EXPECT_EQ(fetch.calls.load(), 3);
}

TEST(JwksFetchSingleFlight, SaturatedFetcherFailsFastAndIsNotHeldAgainstTheClient) {
  int calls = 0;
  bool saturated = true;
  const std::string doc = one_key_jwks();
  ClientKeyCache cache([&](const std::string&, Registrar) -> std::optional<std::shared_future<JwksDocument>> {
    ++calls;
    if (saturated) return std::nullopt;
    std::promise<JwksDocument> p;
    p.set_value(doc);
    return p.get_future().share();
  });
  const auto t0 = core::from_unix(1'000);
  EXPECT_FALSE(cache.keys_for(uri_client(), t0));
  saturated = false;
  EXPECT_TRUE(cache.keys_for(uri_client(), t0 + 1s));
  EXPECT_EQ(calls, 2);
}

TEST(JwksFetchSingleFlight, FetchedDocumentWithPrivateKeyMaterialIsRefused) {
  auto key = jose::SigningKey::generate(jose::Algorithm::ES256).public_jwk().to_json();
  key["d"] = "3HNhOtH_Px9MLzT1XVIn2JcnwYJzxVR-UQuWvIdQ4sg";
  PendingFetch fetch;
  fetch.outcome.set_value(R"({"keys":[)" + boost::json::serialize(key) + "]}");
  ClientKeyCache cache(fetch.fn());
  EXPECT_FALSE(cache.keys_for(uri_client(), core::from_unix(1'000)));
}

TEST(JwksFetchSingleFlight, InternalJwksUriOfASelfRegisteredClientIsNeverFetched) {
  PendingFetch fetch;
  fetch.outcome.set_value(one_key_jwks());
  ClientKeyCache cache(fetch.fn());
  auto c = uri_client();
  c.jwks_uri = "https://169.254.169.254/latest/jwks";
  EXPECT_FALSE(cache.keys_for(c, core::from_unix(1'000)));
  EXPECT_EQ(fetch.calls.load(), 0);
  c.registered_by_admin = true;
  EXPECT_TRUE(cache.keys_for(c, core::from_unix(1'000)));
  EXPECT_EQ(fetch.calls.load(), 1);
}

}  // namespace
}  // namespace authly::oauth
