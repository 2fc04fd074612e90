// Client authentication pieces (RFC 6749 §2.3.1): Basic credential decoding, secret comparison,
// and the private_key_jwt key cache.
#include <gtest/gtest.h>

#include <future>

#include "core/base64url.hpp"
#include "crypto/hash.hpp"
#include "jose/signing_key.hpp"
#include "oauth/client_auth/basic_credentials.hpp"
#include "oauth/client_auth/client_key_cache.hpp"
#include "oauth/client_auth/client_secret.hpp"

namespace authly::oauth {
namespace {

using std::chrono::seconds;

std::string basic_header(std::string_view raw) { return "Basic " + core::base64_encode(raw); }

TEST(ClientAuth, BasicCredentialsAreFormDecoded) {
  // RFC 6749 §2.3.1: both parts are form-encoded before base64, so ':' and '+' survive.
  auto c = parse_basic_authorization(basic_header("my%3Aclient:s%2Bcr%3At+x%25"));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->client_id, "my:client");
  EXPECT_EQ(c->secret, "s+cr:t x%");
}

TEST(ClientAuth, BasicSchemeIsCaseInsensitive) {
  auto c = parse_basic_authorization("bAsIc " + core::base64_encode("id:secret"));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->client_id, "id");
  EXPECT_TRUE(is_basic_authorization("BASIC abc"));
  EXPECT_FALSE(is_basic_authorization("Bearer abc"));
  EXPECT_FALSE(is_basic_authorization("Basicabc"));
}

TEST(ClientAuth, MalformedBasicCredentialsAreRejected) {
  EXPECT_FALSE(parse_basic_authorization("Bearer " + core::base64_encode("id:secret")));
  EXPECT_FALSE(parse_basic_authorization("Basic !!!not-base64"));
  EXPECT_FALSE(parse_basic_authorization(basic_header("no-colon")));
  EXPECT_FALSE(parse_basic_authorization(basic_header(":secret")));  // empty client_id
  EXPECT_FALSE(parse_basic_authorization(basic_header("id:bad%zzescape")));
  EXPECT_FALSE(parse_basic_authorization(basic_header("id:nul%00byte")));
}

TEST(ClientAuth, SecretIsComparedWithStoredHash) {
  store::Client c;
  c.token_endpoint_auth_method = "client_secret_post";
  c.secret_hash = crypto::sha256_hex("s3cret");
  EXPECT_TRUE(uses_client_secret(c));
  EXPECT_TRUE(client_secret_matches(c, "s3cret"));
  EXPECT_FALSE(client_secret_matches(c, "s3cre"));
  EXPECT_FALSE(client_secret_matches(c, ""));
  c.secret_hash.clear();
  EXPECT_FALSE(client_secret_matches(c, ""));  // no secret registered: nothing matches
  c.token_endpoint_auth_method = "private_key_jwt";
  EXPECT_FALSE(uses_client_secret(c));
}

struct FakeFetch {
  int calls = 0;
  std::optional<std::string> body;
  JwksFetch fn() {
    return [this](const std::string&, Registrar) -> std::optional<std::shared_future<JwksDocument>> {
      ++calls;
      std::promise<JwksDocument> done;
      done.set_value(body);
      return done.get_future().share();
    };
  }
};

KeyCachePolicy policy(seconds ttl, seconds min_refetch) {
  KeyCachePolicy p;
  p.ttl = ttl;
  p.min_refetch = min_refetch;
  return p;
}

std::string one_key_jwks() {
  auto key = jose::SigningKey::generate(jose::Algorithm::ES256);
  return jose::JwkSet(std::vector<jose::Jwk>{key.public_jwk()}).serialize();
}

store::Client uri_client() {
  store::Client c;
  c.id = "c1";
  c.jwks_uri = "https://client.example/jwks";
  return c;
}

TEST(ClientKeyCache, JwksUriIsFetchedOnceWithinTtl) {
  FakeFetch fetch{0, one_key_jwks()};
  ClientKeyCache cache(fetch.fn(), policy(seconds(300), seconds(30)));
  const auto t0 = core::from_unix(1'000'000);
  ASSERT_TRUE(cache.keys_for(uri_client(), t0));
  ASSERT_TRUE(cache.keys_for(uri_client(), t0 + seconds(299)));
  EXPECT_EQ(fetch.calls, 1);
  ASSERT_TRUE(cache.keys_for(uri_client(), t0 + seconds(300)));
  EXPECT_EQ(fetch.calls, 2);
}

TEST(ClientKeyCache, RefreshRefetchesOnlyAfterMinimumInterval) {
  FakeFetch fetch{0, one_key_jwks()};
  ClientKeyCache cache(fetch.fn(), policy(seconds(300), seconds(30)));
  const auto t0 = core::from_unix(1'000'000);
  cache.keys_for(uri_client(), t0);
  cache.keys_for(uri_client(), t0 + seconds(10), true);
  EXPECT_EQ(fetch.calls, 1);
  cache.keys_for(uri_client(), t0 + seconds(31), true);
  EXPECT_EQ(fetch.calls, 2);
}

TEST(ClientKeyCache, RegisteredJwksWinsAndNonHttpsUriIsRefused) {
  FakeFetch fetch{0, one_key_jwks()};
  ClientKeyCache cache(fetch.fn());
  auto c = uri_client();
  c.jwks = one_key_jwks();
  EXPECT_TRUE(cache.keys_for(c, core::from_unix(1)));
  EXPECT_EQ(fetch.calls, 0);
  c.jwks.clear();
  c.jwks_uri = "http://client.example/jwks";
  EXPECT_FALSE(cache.keys_for(c, core::from_unix(1)));
  EXPECT_EQ(fetch.calls, 0);
}

TEST(ClientKeyCache, FailedFetchIsRetriedAfterTheBackoff) {
  FakeFetch fetch{0, std::nullopt};
  ClientKeyCache cache(fetch.fn());  // failure_backoff 60 s
  EXPECT_FALSE(cache.keys_for(uri_client(), core::from_unix(1)));
  fetch.body = "{\"keys\":[]}";  // parses, but holds no usable key
  EXPECT_FALSE(cache.keys_for(uri_client(), core::from_unix(61)));
  fetch.body = one_key_jwks();
  EXPECT_TRUE(cache.keys_for(uri_client(), core::from_unix(121)));
  EXPECT_EQ(fetch.calls, 3);
}

}  // namespace
}  // namespace authly::oauth
