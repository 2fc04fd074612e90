// Keys: generation, JWK and PEM export/import round trips, the checks on imported key material, and
// the JWK Set rules (skip what we cannot use, find by kid and alg, never publish private members).
#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <string>

#include "core/base64url.hpp"
#include "jose/jwk.hpp"
#include "jose/jwk_set.hpp"
#include "jose/jws.hpp"
#include "jose/signing_key.hpp"

namespace authly::jose {
namespace {

// A string member, or "" when absent or not a string.
std::string str(const boost::json::object& o, std::string_view name) {
  const auto* v = o.if_contains(name);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

// RFC 7515 A.3.1 P-256 public key.
constexpr std::string_view kX = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
constexpr std::string_view kY = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";

boost::json::object ec_jwk(std::string_view x, std::string_view y) {
  boost::json::object o{{"kty", "EC"}, {"crv", "P-256"}};
  o["x"] = x;
  o["y"] = y;
  return o;
}

// A PEM written by OpenSSL directly, for keys Authly itself would refuse to generate.
std::string pem_of(EVP_PKEY* pkey, bool encrypted) {
  BIO* bio = BIO_new(BIO_s_mem());
  const int ok = encrypted ? PEM_write_bio_PKCS8PrivateKey(bio, pkey, EVP_aes_256_cbc(), "secret", 6, nullptr, nullptr)
                           : PEM_write_bio_PrivateKey(bio, pkey, nullptr, nullptr, 0, nullptr, nullptr);
  EXPECT_EQ(ok, 1);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(n));
  BIO_free(bio);
  return pem;
}

class EachAlgorithm : public ::testing::TestWithParam<Algorithm> {};

TEST_P(EachAlgorithm, GeneratedKeyPublishesItsPublicMembers) {
  const SigningKey key = SigningKey::generate(GetParam());
  const auto jwk = key.public_jwk().to_json();
  EXPECT_EQ(str(jwk, "use"), "sig");
  EXPECT_EQ(str(jwk, "alg"), to_string(GetParam()));
  EXPECT_EQ(str(jwk, "kid"), key.public_jwk().thumbprint());  // RFC 7638 thumbprint as kid
  const std::string kty = str(jwk, "kty");
  if (kty == "RSA") {
    EXPECT_EQ(core::base64url_decode(str(jwk, "n"))->size(), 256u);  // 2048 bits
    EXPECT_EQ(str(jwk, "e"), "AQAB");
  } else if (kty == "EC") {
    EXPECT_EQ(str(jwk, "crv"), "P-256");
    EXPECT_EQ(core::base64url_decode(str(jwk, "x"))->size(), 32u);
    EXPECT_EQ(core::base64url_decode(str(jwk, "y"))->size(), 32u);
  } else {
    EXPECT_EQ(kty, "OKP");
    EXPECT_EQ(str(jwk, "crv"), "Ed25519");
    EXPECT_EQ(core::base64url_decode(str(jwk, "x"))->size(), 32u);
  }
}

TEST_P(EachAlgorithm, JwkExportImportRoundTripKeepsTheKey) {
  const SigningKey key = SigningKey::generate(GetParam(), "k1");
  auto imported = Jwk::parse(key.public_jwk().serialize());
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  EXPECT_EQ(imported->to_json(), key.public_jwk().to_json());
  EXPECT_EQ(imported->algorithm(), GetParam());
  EXPECT_TRUE(verify(sign(key, "round trip"), *imported, {GetParam()}).ok());
}

TEST_P(EachAlgorithm, PrivatePemRoundTripKeepsTheKey) {
  const SigningKey key = SigningKey::generate(GetParam());
  const std::string pem = key.private_pem();
  EXPECT_EQ(pem.rfind("-----BEGIN PRIVATE KEY-----", 0), 0u);  // PKCS#8
  auto restored = SigningKey::from_pem(pem, GetParam());
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  EXPECT_EQ(restored->kid(), key.kid());
  EXPECT_TRUE(verify(sign(*restored, "stored key"), key.public_jwk(), {GetParam()}).ok());
}

TEST_P(EachAlgorithm, PublicPemRoundTripKeepsTheKey) {
  const SigningKey key = SigningKey::generate(GetParam());
  auto restored = Jwk::from_public_pem(key.public_jwk().to_pem(), GetParam());
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  EXPECT_EQ(restored->thumbprint(), key.public_jwk().thumbprint());
}

INSTANTIATE_TEST_SUITE_P(Jwk, EachAlgorithm,
                         ::testing::Values(Algorithm::RS256, Algorithm::PS256, Algorithm::ES256, Algorithm::EdDSA),
                         [](const auto& info) { return std::string(to_string(info.param)); });

TEST(SigningKey, RejectsRsaKeyBelow2048Bits) {
  EVP_PKEY* weak = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{1024});
  ASSERT_NE(weak, nullptr);
  auto key = SigningKey::from_pem(pem_of(weak, false), Algorithm::RS256);
  EVP_PKEY_free(weak);
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.error().code, ErrorCode::weak_key);
}

TEST(Jwk, RejectsRsaModulusBelow2048Bits) {
  auto jwk = SigningKey::generate(Algorithm::RS256).public_jwk().to_json();
  const std::string n = *core::base64url_decode(str(jwk, "n"));
  jwk["n"] = core::base64url_encode(n.substr(0, 128));  // 1024 bits
  auto key = Jwk::from_json(jwk);
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.error().code, ErrorCode::weak_key);
}

TEST(SigningKey, RejectsEncryptedPemWithoutPrompting) {
  EVP_PKEY* pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  ASSERT_NE(pkey, nullptr);
  auto key = SigningKey::from_pem(pem_of(pkey, true), Algorithm::ES256);
  EVP_PKEY_free(pkey);
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.error().code, ErrorCode::malformed);
}

TEST(SigningKey, RejectsPemWhoseTypeDoesNotFitTheAlgorithm) {
  const std::string ec_pem = SigningKey::generate(Algorithm::ES256).private_pem();
  auto key = SigningKey::from_pem(ec_pem, Algorithm::RS256);
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.error().code, ErrorCode::algorithm_mismatch);
}

TEST(Jwk, RejectsEcPointNotOnTheCurve) {
  std::string y = *core::base64url_decode(kY);
  y.back() = static_cast<char>(y.back() ^ 1);
  auto key = Jwk::from_json(ec_jwk(kX, core::base64url_encode(y)));
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.error().code, ErrorCode::invalid_key);
  EXPECT_TRUE(Jwk::from_json(ec_jwk(kX, kY)).ok());  // the unmodified point is fine
}

TEST(Jwk, RejectsShortEcCoordinate) {
  const std::string x = *core::base64url_decode(kX);
  auto key = Jwk::from_json(ec_jwk(core::base64url_encode(x.substr(1)), kY));
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.error().code, ErrorCode::invalid_key);
}

TEST(Jwk, RejectsUnsupportedKeyTypesAndCurves) {
  EXPECT_EQ(Jwk::parse(R"({"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ"})").error().code,
            ErrorCode::unsupported_key);
  auto p384 = ec_jwk(kX, kY);
  p384["crv"] = "P-384";
  EXPECT_EQ(Jwk::from_json(p384).error().code, ErrorCode::unsupported_key);
  EXPECT_EQ(
      Jwk::parse(R"({"kty":"OKP","crv":"X25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})").error().code,
      ErrorCode::unsupported_key);
}

TEST(Jwk, RejectsAlgThatDoesNotFitTheKeyType) {
  auto jwk = ec_jwk(kX, kY);
  jwk["alg"] = "RS256";
  EXPECT_EQ(Jwk::from_json(jwk).error().code, ErrorCode::algorithm_mismatch);
  jwk["alg"] = "none";
  EXPECT_EQ(Jwk::from_json(jwk).error().code, ErrorCode::unsupported_algorithm);
}

TEST(Jwk, RejectsMissingOrNonBase64urlMembers) {
  EXPECT_EQ(Jwk::parse(R"({"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"})").error().code,
            ErrorCode::malformed);
  EXPECT_EQ(Jwk::from_json(ec_jwk(std::string(kX) + "=", kY)).error().code, ErrorCode::malformed);
  EXPECT_EQ(Jwk::parse("[1,2]").error().code, ErrorCode::malformed);
}

TEST(Jwk, PublicImportIgnoresPrivateMembers) {
  const SigningKey key = SigningKey::generate(Algorithm::ES256);
  auto jwk = key.public_jwk().to_json();
  jwk["d"] = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI";
  auto imported = Jwk::from_json(jwk);
  ASSERT_TRUE(imported.ok());
  EXPECT_FALSE(imported->to_json().contains("d"));
}

TEST(SigningKey, RejectsPrivateEd25519KeyThatDoesNotMatchX) {
  // RFC 8037 A.1 d with the x of a different key.
  const std::string other_x = str(SigningKey::generate(Algorithm::EdDSA).public_jwk().to_json(), "x");
  boost::json::object jwk{{"kty", "OKP"}, {"crv", "Ed25519"}, {"d", "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}};
  jwk["x"] = other_x;
  EXPECT_EQ(SigningKey::from_json(jwk).error().code, ErrorCode::invalid_key);
}

TEST(SigningKey, RejectsPrivateEcKeyThatDoesNotMatchThePoint) {
  auto jwk = ec_jwk(kX, kY);
  jwk["d"] = "870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE";  // RFC 7517 A.2's d, another key's
  EXPECT_EQ(SigningKey::from_json(jwk).error().code, ErrorCode::invalid_key);
  jwk["d"] = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI";  // RFC 7515 A.3's own d
  EXPECT_TRUE(SigningKey::from_json(jwk).ok());
}

TEST(SigningKey, RejectsRsaJwkWithoutCrtMembersOrAlg) {
  auto jwk = SigningKey::generate(Algorithm::RS256).public_jwk().to_json();
  jwk["d"] = "AQAB";
  EXPECT_EQ(SigningKey::from_json(jwk).error().code, ErrorCode::malformed);  // no p, q, dp, dq, qi
  jwk.erase("alg");
  EXPECT_EQ(SigningKey::from_json(jwk).error().code, ErrorCode::unsupported_algorithm);  // RS256 or PS256?
}

TEST(SigningKey, HmacSecretBelow256BitsIsWeak) {
  EXPECT_EQ(SigningKey::hmac(std::string(31, 'k')).error().code, ErrorCode::weak_key);
  EXPECT_TRUE(SigningKey::hmac(std::string(32, 'k')).ok());
}

TEST(JwkSet, SerialisationExcludesPrivateMembers) {
  JwkSet set;
  for (Algorithm alg : {Algorithm::RS256, Algorithm::PS256, Algorithm::ES256, Algorithm::EdDSA}) {
    set.add(SigningKey::generate(alg).public_jwk());
  }
  set.add(SigningKey::hmac(std::string(32, 's'), "shared")->public_jwk());
  const std::string out = set.serialize();
  for (const char* member : {"\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"", "\"k\"", "shared"}) {
    EXPECT_EQ(out.find(member), std::string::npos) << member << " leaked into " << out;
  }
  EXPECT_EQ(boost::json::parse(out).at("keys").as_array().size(), 4u);  // the HS256 key is left out
}

TEST(JwkSet, SkipsKeysItCannotUseAndKeepsTheRest) {
  const SigningKey good = SigningKey::generate(Algorithm::ES256, "good");
  auto good_json = boost::json::serialize(good.public_jwk().to_json());
  auto set = JwkSet::parse(std::string(R"({"keys":[
    {"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"},
    {"kty":"EC","crv":"P-384","x":"AAAA","y":"AAAA","kid":"p384"},
    {"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
     "y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","use":"enc","kid":"enc"},
    {"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
     "y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","key_ops":["encrypt"],"kid":"ops"},
    {"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
     "y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","alg":"ES384","kid":"es384"},
    {"kty":"RSA","e":"AQAB","kid":"no-n"},
    42,)") + good_json + "]}");
  ASSERT_TRUE(set.ok());
  ASSERT_EQ(set->size(), 1u);
  EXPECT_EQ(set->keys()[0].kid(), "good");
}

TEST(JwkSet, RejectsDocumentWithoutKeysArray) {
  EXPECT_EQ(JwkSet::parse(R"({"keys":{}})").error().code, ErrorCode::malformed);
  EXPECT_EQ(JwkSet::parse("not json").error().code, ErrorCode::malformed);
}

TEST(JwkSet, FindsByKidAndAlgorithm) {
  const SigningKey rsa = SigningKey::generate(Algorithm::RS256, "rsa");
  const SigningKey ec = SigningKey::generate(Algorithm::ES256, "ec");
  const JwkSet set({rsa.public_jwk(), ec.public_jwk()});
  EXPECT_EQ(set.find("rsa", Algorithm::RS256)->kid(), "rsa");
  EXPECT_EQ(set.find("rsa", Algorithm::PS256), nullptr);  // pinned to RS256
  EXPECT_EQ(set.find("ec", Algorithm::ES256)->kid(), "ec");
  EXPECT_EQ(set.find("missing", Algorithm::ES256), nullptr);
  EXPECT_EQ(set.find("", Algorithm::ES256)->kid(), "ec");  // the only ES256 key

  const JwkSet two_ec({ec.public_jwk(), SigningKey::generate(Algorithm::ES256, "ec2").public_jwk()});
  EXPECT_EQ(two_ec.find("", Algorithm::ES256), nullptr);  // ambiguous without a kid: no guessing
}

TEST(Jwk, UnpinnedRsaKeyAcceptsRsaAlgorithmsOnly) {
  auto jwk = SigningKey::generate(Algorithm::RS256).public_jwk().to_json();
  jwk.erase("alg");
  auto key = Jwk::from_json(jwk);
  ASSERT_TRUE(key.ok());
  EXPECT_TRUE(key->accepts(Algorithm::RS256));
  EXPECT_TRUE(key->accepts(Algorithm::PS256));
  EXPECT_FALSE(key->accepts(Algorithm::HS256));
  EXPECT_FALSE(key->accepts(Algorithm::ES256));
}

}  // namespace
}  // namespace authly::jose
