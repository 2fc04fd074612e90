// OIDC Core §2 ID tokens (oidc/id_token.hpp) and the minter the grants use (oidc/id_token_issuer.hpp):
// header (typ, kid, alg pinned to the client's registration), claims, at_hash (§3.1.3.6 vectors),
// pairwise subjects and the claims parameter's id_token member.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "jose/jws.hpp"
#include "oidc/id_token.hpp"
#include "oidc/id_token_issuer.hpp"
#include "oidc/subject.hpp"
#include "support/generated_keys.hpp"

namespace authly::oidc {
namespace {

using jose::Algorithm;

const core::TimePoint kNow = core::from_unix(1'800'000'000);

struct Decoded {
  boost::json::object header;
  boost::json::object claims;
};

// Verifies with the given public keys (asymmetric algorithms only) and decodes; fails the test otherwise.
Decoded verify(const std::string& token, const jose::JwkSet& keys) {
  auto v = jose::verify(token, keys, jose::AlgorithmSet::asymmetric());
  EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().message);
  if (!v.ok()) return {};
  return {v->header, boost::json::parse(v->payload).as_object()};
}

using test::GeneratedKeys;

// ---- issue_id_token and at_hash ----

TEST(IdToken, HeaderHasTypJwtAndTheKeysKidAndAlg) {
  const auto key = jose::SigningKey::generate(Algorithm::ES256, "kid-1");
  IdTokenClaims c;
  c.issuer = "https://id.example";
  c.subject = "u";
  c.audience = "app";
  c.issued_at = kNow;
  c.expires_at = kNow + std::chrono::seconds(60);
  const auto d = verify(issue_id_token(key, c), jose::JwkSet(std::vector<jose::Jwk>{key.public_jwk()}));
  EXPECT_EQ(d.header.at("typ").as_string(), "JWT");
  EXPECT_EQ(d.header.at("kid").as_string(), "kid-1");
  EXPECT_EQ(d.header.at("alg").as_string(), "ES256");
}

TEST(IdToken, CarriesEveryClaimGivenAndOmitsEmptyOnes) {
  const auto key = jose::SigningKey::generate(Algorithm::EdDSA);
  const jose::JwkSet keys(std::vector<jose::Jwk>{key.public_jwk()});
  IdTokenClaims c;
  c.issuer = "https://id.example";
  c.subject = "u";
  c.audience = "app";
  c.azp = "app";
  c.issued_at = kNow;
  c.expires_at = kNow + std::chrono::seconds(60);
  c.auth_time = kNow - std::chrono::seconds(30);
  c.nonce = "n-0S6";
  c.acr = "urn:authly:pwd";
  c.amr = {"pwd", "otp"};
  c.sid = "s-1";
  c.at_hash = "h";
  c.extra["email"] = "a@example.com";
  c.extra["iss"] = "https://evil.example";  // a released claim never replaces a protocol claim
  const auto full = verify(issue_id_token(key, c), keys).claims;
  EXPECT_EQ(full.at("iss").as_string(), "https://id.example");
  EXPECT_EQ(full.at("sub").as_string(), "u");
  EXPECT_EQ(full.at("aud").as_string(), "app");
  EXPECT_EQ(full.at("azp").as_string(), "app");
  EXPECT_EQ(full.at("iat").as_int64(), 1'800'000'000);
  EXPECT_EQ(full.at("exp").as_int64(), 1'800'000'060);
  EXPECT_EQ(full.at("auth_time").as_int64(), 1'799'999'970);
  EXPECT_EQ(full.at("nonce").as_string(), "n-0S6");
  EXPECT_EQ(full.at("acr").as_string(), "urn:authly:pwd");
  EXPECT_EQ(full.at("amr").as_array(), (boost::json::array{"pwd", "otp"}));
  EXPECT_EQ(full.at("sid").as_string(), "s-1");
  EXPECT_EQ(full.at("at_hash").as_string(), "h");
  EXPECT_EQ(full.at("email").as_string(), "a@example.com");

  IdTokenClaims bare;
  bare.issuer = "https://id.example";
  bare.subject = "u";
  bare.audience = "app";
  bare.issued_at = kNow;
  bare.expires_at = kNow + std::chrono::seconds(60);
  const auto min = verify(issue_id_token(key, bare), keys).claims;
  for (auto name : {"nonce", "acr", "amr", "azp", "sid", "at_hash", "auth_time"})
    EXPECT_FALSE(min.contains(name)) << name;
}

// OIDC Core Appendix A.3: the RS256 example's access token and at_hash. (The spec's token ends in
// "...NvTIxEl0z9K3vx5KF0Y"; checked with `printf %s TOKEN | openssl dgst -sha256 -binary`, left 16
// bytes, base64url.)
TEST(AtHash, MatchesTheOidcCoreExampleForRs256) {
  EXPECT_EQ(at_hash("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y", Algorithm::RS256), "77QmUPtjPfzWtF2AnpK9RQ");
}

TEST(AtHash, UsesSha256ForPs256AndEs256) {
  EXPECT_EQ(at_hash("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y", Algorithm::PS256), "77QmUPtjPfzWtF2AnpK9RQ");
  EXPECT_EQ(at_hash("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y", Algorithm::ES256), "77QmUPtjPfzWtF2AnpK9RQ");
}

// EdDSA (Ed25519) hashes with SHA-512: left 32 bytes, 43 base64url characters. Vector computed with
// `printf %s dNZX1hEZ9wBCzNL40Upu646bdzQA | openssl dgst -sha512 -binary` (left half, base64url).
TEST(AtHash, UsesSha512ForEdDsa) {
  EXPECT_EQ(at_hash("dNZX1hEZ9wBCzNL40Upu646bdzQA", Algorithm::EdDSA), "8xltSlOGYrWy8W9yNvRlEth1i_bXW-JROWPLvCv5zog");
  EXPECT_EQ(at_hash("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y", Algorithm::EdDSA),
            "q7nS86GgvvFaZkzALLWqJYaJIKw2wCDAVfCAsm5CrBM");
}

// ---- IdTokenIssuer ----

class Issuer : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.issuer = "https://id.example.test";
    config_.oidc.id_token_ttl_s = 900;
    store_ = store::open_store({"sqlite::memory:", 1, 5'000});
    store_->migrate();
    store::User u;
    u.id = "user-1";
    u.username = "alice";
    u.email = "alice@example.com";
    u.email_verified = true;
    u.password_hash = "$argon2id$x";
    u.given_name = "Alice";
    u.family_name = "Liddell";
    u.profile = R"({"nickname":"Al"})";
    u.created_at = u.updated_at = kNow;
    store_->users().create(u);
    client_.id = "app";
    client_.redirect_uris = {"https://app.example/cb"};
    client_.scope = "openid profile email";  // the claims a request may name individually (OIDC Core §5.4)
  }

  oauth::IdTokenRequest request(const std::string& claims = {}) {
    return oauth::IdTokenRequest{.client = client_,
                                 .user_id = "user-1",
                                 .scope = "openid profile email",
                                 .nonce = "n-1",
                                 .auth_time = kNow - std::chrono::seconds(120),
                                 .sid = "sid-1",
                                 .acr = "",
                                 .amr = "pwd otp",
                                 .claims = claims,
                                 .access_token = "at-value",
                                 .now = kNow};
  }
  Decoded mint(const oauth::IdTokenRequest& r) {
    IdTokenIssuer issuer(config_, keys_, *store_, kPairwiseKey);
    const auto token = issuer.mint(r);  // before published(): minting creates the key
    return verify(token, *keys_.published());
  }

  const std::string kPairwiseKey = std::string(32, 'p');
  config::Config config_;
  GeneratedKeys keys_;
  std::unique_ptr<store::Store> store_;
  store::Client client_;
};

TEST_F(Issuer, RegisteredClaimsFollowTheRequestAndConfig) {
  const auto d = mint(request());
  const auto& c = d.claims;
  EXPECT_EQ(c.at("iss").as_string(), "https://id.example.test");
  EXPECT_EQ(c.at("sub").as_string(), "user-1");  // public subject type
  EXPECT_EQ(c.at("aud").as_string(), "app");
  EXPECT_EQ(c.at("azp").as_string(), "app");
  EXPECT_EQ(c.at("iat").as_int64(), core::to_unix(kNow));
  EXPECT_EQ(c.at("exp").as_int64(), core::to_unix(kNow) + 900);
  EXPECT_EQ(c.at("auth_time").as_int64(), core::to_unix(kNow) - 120);
  EXPECT_EQ(c.at("nonce").as_string(), "n-1");
  EXPECT_EQ(c.at("sid").as_string(), "sid-1");
  EXPECT_EQ(c.at("amr").as_array(), (boost::json::array{"pwd", "otp"}));
  EXPECT_FALSE(c.contains("acr"));
  EXPECT_EQ(c.at("at_hash").as_string(), at_hash("at-value", Algorithm::RS256));
}

// §3.1.3.7 item 7: RS256 unless the client registered another id_token_signed_response_alg.
TEST_F(Issuer, SignsWithRs256ByDefault) {
  client_.id_token_signed_response_alg = "";
  EXPECT_EQ(mint(request()).header.at("alg").as_string(), "RS256");
  client_.id_token_signed_response_alg = "RS256";
  const auto d = mint(request());
  EXPECT_EQ(d.header.at("alg").as_string(), "RS256");
  EXPECT_EQ(d.header.at("typ").as_string(), "JWT");
  EXPECT_EQ(d.header.at("kid").as_string(), keys_.active(Algorithm::RS256)->kid());
}

TEST_F(Issuer, SignsWithTheClientsRegisteredAlg) {
  for (auto alg : {Algorithm::ES256, Algorithm::PS256, Algorithm::EdDSA}) {
    client_.id_token_signed_response_alg = std::string(jose::to_string(alg));
    const auto d = mint(request());
    EXPECT_EQ(d.header.at("alg").as_string(), jose::to_string(alg));
    EXPECT_EQ(d.header.at("kid").as_string(), keys_.active(alg)->kid());
    // at_hash uses the hash of the alg actually used: SHA-512 for EdDSA.
    EXPECT_EQ(d.claims.at("at_hash").as_string(), at_hash("at-value", alg)) << jose::to_string(alg);
  }
}

TEST_F(Issuer, RefusesAlgorithmsItCannotSignIdTokensWith) {
  IdTokenIssuer issuer(config_, keys_, *store_, kPairwiseKey);
  client_.id_token_signed_response_alg = "HS256";
  EXPECT_THROW(issuer.mint(request()), std::runtime_error);
  client_.id_token_signed_response_alg = "none";
  EXPECT_THROW(issuer.mint(request()), std::runtime_error);
}

TEST_F(Issuer, PairwiseClientGetsThePairwiseSubject) {
  client_.subject_type = "pairwise";
  const auto sub = mint(request()).claims.at("sub").as_string();
  EXPECT_NE(sub, "user-1");
  EXPECT_EQ(sub, subject_for(client_, "user-1", kPairwiseKey));
}

TEST_F(Issuer, NoNonceNoSidNoAtHashWhenNotGiven) {
  auto r = request();
  r.nonce.clear();
  r.sid.clear();
  r.amr.clear();
  r.access_token.clear();
  const auto c = mint(r).claims;
  EXPECT_FALSE(c.contains("nonce"));
  EXPECT_FALSE(c.contains("sid"));
  EXPECT_FALSE(c.contains("amr"));
  EXPECT_FALSE(c.contains("at_hash"));
}

// §5.4: with an access token issued, scope claims come from userinfo, not the ID token.
TEST_F(Issuer, ScopeClaimsAreNotInTheIdToken) {
  const auto c = mint(request()).claims;
  for (auto name : {"email", "email_verified", "name", "given_name", "nickname", "preferred_username"})
    EXPECT_FALSE(c.contains(name)) << name;
}

// §5.5: the claims parameter's id_token member puts those claims in the ID token; its userinfo
// member does not.
TEST_F(Issuer, ClaimsParameterIdTokenMemberIsReleased) {
  const auto c =
      mint(request(R"({"id_token":{"email":{"essential":true},"nickname":null},"userinfo":{"given_name":null}})"))
          .claims;
  EXPECT_EQ(c.at("email").as_string(), "alice@example.com");
  EXPECT_EQ(c.at("nickname").as_string(), "Al");
  EXPECT_FALSE(c.contains("given_name"));
  EXPECT_EQ(c.at("sub").as_string(), "user-1");
}

TEST_F(Issuer, RequestedClaimsNeverOverrideProtocolClaims) {
  const auto c = mint(request(R"({"id_token":{"sub":{"value":"someone-else"},"iss":null}})")).claims;
  EXPECT_EQ(c.at("sub").as_string(), "user-1");
  EXPECT_EQ(c.at("iss").as_string(), "https://id.example.test");
}

}  // namespace
}  // namespace authly::oidc
