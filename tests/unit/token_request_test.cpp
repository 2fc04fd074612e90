// The token request use-case (oauth/token_request): the grant is decided before the client is
// authenticated (RFC 6749 §5.2 unsupported_grant_type reveals nothing about the client), the
// refresh-only endpoint and the password-grant switch narrow what is served, and a served grant
// runs only for an authenticated client.
#include "oauth/token_request.hpp"

#include <gtest/gtest.h>

#include "cache/rate_limiter.hpp"
#include "crypto/hash.hpp"
#include "support/memory_store.hpp"

namespace authly::oauth {
namespace {

const core::TimePoint kNow = core::from_unix(1'700'000'000);
const crypto::PasswordPolicy kFastPolicy{.argon2_ops_limit = 1, .argon2_mem_limit_kib = 8};

TEST(RequestedGrant, MissingGrantTypeIsInvalidRequest) {
  EXPECT_EQ(requested_grant(std::nullopt, TokenEndpoint::token, false).error().code, ErrorCode::invalid_request);
  EXPECT_EQ(requested_grant("", TokenEndpoint::token, false).error().code, ErrorCode::invalid_request);
}

TEST(RequestedGrant, UnknownGrantIsUnsupportedWithTheNameInTheLogOnly) {
  const auto refused = requested_grant("urn:example:magic", TokenEndpoint::token, true);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::unsupported_grant_type);
  EXPECT_EQ(refused.error().description.find("magic"), std::string::npos);
  EXPECT_NE(refused.error().detail.find("magic"), std::string::npos);
}

TEST(RequestedGrant, RefreshEndpointServesOnlyTheRefreshTokenGrant) {
  EXPECT_EQ(*requested_grant("refresh_token", TokenEndpoint::refresh, false), Grant::refresh_token);
  for (const char* other : {"authorization_code", "client_credentials", "password"})
    EXPECT_EQ(requested_grant(other, TokenEndpoint::refresh, true).error().code, ErrorCode::unsupported_grant_type)
        << other;
}

TEST(RequestedGrant, PasswordGrantOnlyWhenSwitchedOn) {
  EXPECT_EQ(requested_grant("password", TokenEndpoint::token, false).error().code, ErrorCode::unsupported_grant_type);
  EXPECT_EQ(*requested_grant("password", TokenEndpoint::token, true), Grant::password);
  EXPECT_EQ(*requested_grant("authorization_code", TokenEndpoint::token, false), Grant::authorization_code);
  EXPECT_EQ(*requested_grant("client_credentials", TokenEndpoint::token, false), Grant::client_credentials);
}

TEST(RequestedGrant, EachGrantNamesItsGrantType) {
  for (const char* name : {"authorization_code", "refresh_token", "client_credentials", "password"})
    EXPECT_EQ(to_string(*requested_grant(name, TokenEndpoint::token, true)), name);
}

class TokenRequestUseCase : public ::testing::Test {
 protected:
  void SetUp() override {
    auto client = test::test_client("svc");
    client.secret_hash = crypto::sha256_hex("s3cret");
    client.grant_types = {"client_credentials"};
    client.scope = "api";
    store_->clients().create(client);
  }

  TokenRequest request(std::string grant_type, std::string secret = "s3cret") {
    TokenRequest r;
    r.grant_type = std::move(grant_type);
    r.credentials.client_id = "svc";
    r.credentials.client_secret = std::move(secret);
    r.client_ip = "192.0.2.1";
    return r;
  }

  static TokenPolicy policy() {
    TokenPolicy p;
    p.issuer = "https://auth.example.test";
    return p;
  }

  std::unique_ptr<store::Store> store_ = test::memory_store();
  core::SystemRandom rng_;
  core::FixedClock clock_{kNow};
  crypto::PasswordHasher hasher_{kFastPolicy};
  std::unique_ptr<SigningKeys> keys_ = make_signing_keys(*store_, std::string(32, 'm'), rng_, clock_);
  std::unique_ptr<cache::RateLimiter> limiter_ = cache::make_rate_limiter(nullptr, clock_);
  TokenEndpointDeps deps_{policy(),
                          *store_,
                          rng_,
                          *keys_,
                          jose::Algorithm::ES256,
                          hasher_,
                          *limiter_,
                          std::make_shared<ClientKeyCache>(JwksFetch{}),
                          nullptr,
                          std::make_shared<VerifiedTokenCache>(),
                          nullptr};
};

TEST_F(TokenRequestUseCase, UnsupportedGrantIsRefusedBeforeTheClientIsAuthenticated) {
  // Wrong secret and an unknown client: the answer is still about the grant, not the client.
  EXPECT_EQ(token_request(deps_, TokenEndpoint::token, "/auth/token", request("magic", "wrong"), kNow).error().code,
            ErrorCode::unsupported_grant_type);
  auto stranger = request("magic");
  stranger.credentials.client_id = "nobody";
  EXPECT_EQ(token_request(deps_, TokenEndpoint::token, "/auth/token", stranger, kNow).error().code,
            ErrorCode::unsupported_grant_type);
}

TEST_F(TokenRequestUseCase, ServedGrantNeedsAnAuthenticatedClient) {
  EXPECT_EQ(token_request(deps_, TokenEndpoint::token, "/auth/token", request("client_credentials", "wrong"), kNow)
                .error()
                .code,
            ErrorCode::invalid_client);
}

TEST_F(TokenRequestUseCase, AuthenticatedClientGetsItsGrant) {
  auto issued = token_request(deps_, TokenEndpoint::token, "/auth/token", request("client_credentials"), kNow);
  ASSERT_TRUE(issued) << issued.error().description;
  EXPECT_FALSE(issued->access_token.empty());
  EXPECT_EQ(issued->scope, "api");
  EXPECT_TRUE(issued->refresh_token.empty());  // RFC 6749 §4.4.3: not for client_credentials
}

TEST_F(TokenRequestUseCase, IntrospectionCallerMustBeConfidential) {
  auto pub = test::test_client("spa");
  pub.type = store::ClientType::public_;
  pub.token_endpoint_auth_method = "none";
  store_->clients().create(pub);
  ClientAuthInput spa;
  spa.client_id = "spa";
  EXPECT_TRUE(authenticate_caller(deps_, spa, "/auth/revoke", true, kNow));
  EXPECT_EQ(authenticate_caller(deps_, spa, "/auth/introspect", false, kNow).error().code, ErrorCode::invalid_client);
}

}  // namespace
}  // namespace authly::oauth
