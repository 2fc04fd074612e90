// JWS compact signing and the verification rules: strict parsing, the algorithm allow-list, alg
// pinned to the key, key selection by kid, and tampering of every part.
#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <boost/json/parse.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/base64url.hpp"
#include "jose/jws.hpp"

namespace authly::jose {
namespace {

using core::base64url_decode;
using core::base64url_encode;

std::vector<std::string> parts_of(const std::string& token) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t dot; (dot = token.find('.', start)) != std::string::npos; start = dot + 1) {
    parts.push_back(token.substr(start, dot - start));
  }
  parts.push_back(token.substr(start));
  return parts;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ".") + p;
  return out;
}

ErrorCode code_of(const Result<VerifiedJws>& r) {
  EXPECT_FALSE(r.ok());
  return r.ok() ? ErrorCode::malformed : r.error().code;
}

// Generated once: RSA key generation is slow and the keys are immutable.
const SigningKey& key_for(Algorithm alg) {
  static const SigningKey rs = SigningKey::generate(Algorithm::RS256, "rs");
  static const SigningKey ps = SigningKey::generate(Algorithm::PS256, "ps");
  static const SigningKey es = SigningKey::generate(Algorithm::ES256, "es");
  static const SigningKey ed = SigningKey::generate(Algorithm::EdDSA, "ed");
  static const SigningKey hs = SigningKey::generate(Algorithm::HS256, "hs");
  switch (alg) {
    case Algorithm::RS256:
      return rs;
    case Algorithm::PS256:
      return ps;
    case Algorithm::ES256:
      return es;
    case Algorithm::EdDSA:
      return ed;
    case Algorithm::HS256:
      return hs;
  }
  throw std::logic_error("unknown algorithm");
}

class SignVerify : public ::testing::TestWithParam<Algorithm> {};

TEST_P(SignVerify, RoundTripReturnsHeaderAndPayload) {
  const SigningKey& key = key_for(GetParam());
  const std::string token = sign(key, {.typ = "at+jwt"}, R"({"sub":"alice"})");
  auto result = verify(token, key.public_jwk(), {GetParam()});
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->alg, GetParam());
  EXPECT_EQ(result->payload, R"({"sub":"alice"})");
  EXPECT_EQ(result->header.at("typ").as_string(), "at+jwt");
  EXPECT_EQ(result->header.at("kid").as_string(), key.kid());
}

TEST_P(SignVerify, RejectsFlippedPayloadByte) {
  const SigningKey& key = key_for(GetParam());
  auto parts = parts_of(sign(key, R"({"sub":"alice"})"));
  std::string payload = *base64url_decode(parts[1]);
  payload[9] = static_cast<char>(payload[9] ^ 1);  // alice -> blice
  parts[1] = base64url_encode(payload);
  EXPECT_EQ(code_of(verify(join(parts), key.public_jwk(), {GetParam()})), ErrorCode::invalid_signature);
}

TEST_P(SignVerify, RejectsFlippedSignatureByte) {
  const SigningKey& key = key_for(GetParam());
  auto parts = parts_of(sign(key, "payload"));
  std::string sig = *base64url_decode(parts[2]);
  sig[sig.size() / 2] = static_cast<char>(sig[sig.size() / 2] ^ 0x40);
  parts[2] = base64url_encode(sig);
  EXPECT_EQ(code_of(verify(join(parts), key.public_jwk(), {GetParam()})), ErrorCode::invalid_signature);
}

INSTANTIATE_TEST_SUITE_P(Jws, SignVerify,
                         ::testing::Values(Algorithm::RS256, Algorithm::PS256, Algorithm::ES256, Algorithm::EdDSA,
                                           Algorithm::HS256),
                         [](const auto& info) { return std::string(to_string(info.param)); });

TEST(Jws, HeaderCarriesPinnedAlgKidAndTyp) {
  const std::string token = sign(key_for(Algorithm::ES256), {.typ = "logout+jwt"}, "{}");
  EXPECT_EQ(*base64url_decode(parts_of(token)[0]), R"({"alg":"ES256","kid":"es","typ":"logout+jwt"})");
}

TEST(Jws, ExtraHeaderMembersCannotOverrideAlgOrKid) {
  HeaderParams header;
  header.extra["alg"] = "none";
  EXPECT_THROW(sign(key_for(Algorithm::ES256), header, "{}"), std::invalid_argument);
  header.extra = {{"kid", "other"}};
  EXPECT_THROW(sign(key_for(Algorithm::ES256), header, "{}"), std::invalid_argument);
}

TEST(Jws, RejectsAlgNone) {
  const std::string payload64 = base64url_encode(R"({"sub":"admin"})");
  const JwkSet keys({key_for(Algorithm::RS256).public_jwk()});
  for (const char* header : {R"({"alg":"none"})", R"({"alg":"none","kid":"rs"})", R"({"alg":"NONE"})"}) {
    const std::string unsecured = base64url_encode(header) + "." + payload64 + ".";
    EXPECT_EQ(code_of(verify(unsecured, keys, AlgorithmSet::asymmetric())), ErrorCode::unsupported_algorithm);
    const std::string with_sig = unsecured + base64url_encode("x");
    EXPECT_EQ(code_of(verify(with_sig, keys, AlgorithmSet::asymmetric())), ErrorCode::unsupported_algorithm);
  }
}

TEST(Jws, RejectsSwappedHeaderAlg) {
  const SigningKey& key = key_for(Algorithm::RS256);
  auto parts = parts_of(sign(key, "payload"));
  parts[0] = base64url_encode(R"({"alg":"PS256","kid":"rs"})");
  // Pinned key: refused before any signature check.
  EXPECT_EQ(code_of(verify(join(parts), key.public_jwk(), AlgorithmSet::asymmetric())), ErrorCode::algorithm_mismatch);
  // Unpinned RSA key: the signature covers the header, so it no longer verifies.
  auto unpinned_json = key.public_jwk().to_json();
  unpinned_json.erase("alg");
  auto unpinned = Jwk::from_json(unpinned_json);
  ASSERT_TRUE(unpinned.ok());
  EXPECT_EQ(code_of(verify(join(parts), *unpinned, AlgorithmSet::asymmetric())), ErrorCode::invalid_signature);
}

TEST(Jws, RejectsHs256TokenKeyedWithTheRsaPublicKey) {
  // The classic confusion attack: HMAC the token with the verifier's own public key bytes.
  const Jwk& rsa = key_for(Algorithm::RS256).public_jwk();
  const JwkSet keys({rsa});
  for (const std::string& secret : {rsa.to_pem(), rsa.serialize()}) {
    auto forger = SigningKey::hmac(secret, "rs");
    ASSERT_TRUE(forger.ok());
    const std::string forged = sign(*forger, R"({"sub":"admin"})");
    const AlgorithmSet lax{Algorithm::RS256, Algorithm::HS256};
    EXPECT_EQ(code_of(verify(forged, keys, lax)), ErrorCode::algorithm_mismatch);
    EXPECT_EQ(code_of(verify(forged, rsa, lax)), ErrorCode::algorithm_mismatch);
    EXPECT_EQ(code_of(verify(forged, keys, AlgorithmSet::asymmetric())), ErrorCode::algorithm_not_allowed);
  }
}

TEST(Jws, RejectsAlgorithmOutsideTheAllowList) {
  const SigningKey& key = key_for(Algorithm::ES256);
  EXPECT_EQ(code_of(verify(sign(key, "p"), key.public_jwk(), {Algorithm::RS256})), ErrorCode::algorithm_not_allowed);
}

TEST(Jws, RejectsUnknownKid) {
  const SigningKey other = SigningKey::generate(Algorithm::ES256, "unknown");
  const JwkSet keys({key_for(Algorithm::ES256).public_jwk()});
  EXPECT_EQ(code_of(verify(sign(other, "p"), keys, {Algorithm::ES256})), ErrorCode::key_not_found);
}

TEST(Jws, RejectsKidOfAnotherKey) {
  const SigningKey signer = SigningKey::generate(Algorithm::ES256, "signer");
  EXPECT_EQ(code_of(verify(sign(signer, "p"), key_for(Algorithm::ES256).public_jwk(), {Algorithm::ES256})),
            ErrorCode::key_not_found);
}

TEST(Jws, SelectsTheKeyByKid) {
  const SigningKey a = SigningKey::generate(Algorithm::ES256, "a");
  const SigningKey b = SigningKey::generate(Algorithm::ES256, "b");
  const JwkSet keys({a.public_jwk(), b.public_jwk()});
  EXPECT_TRUE(verify(sign(a, "p"), keys, {Algorithm::ES256}).ok());
  EXPECT_TRUE(verify(sign(b, "p"), keys, {Algorithm::ES256}).ok());
  // Without a kid two ES256 candidates are ambiguous: no guessing.
  auto key_b = SigningKey::from_pem(b.private_pem(), Algorithm::ES256, "b");
  ASSERT_TRUE(key_b.ok());
  const std::string no_kid = sign_with_protected_header(*key_b, R"({"alg":"ES256"})", "p");
  EXPECT_EQ(code_of(verify(no_kid, keys, {Algorithm::ES256})), ErrorCode::key_not_found);
  EXPECT_TRUE(verify(no_kid, JwkSet({b.public_jwk()}), {Algorithm::ES256}).ok());
}

TEST(Jws, RejectsTwoOrFourParts) {
  const SigningKey& key = key_for(Algorithm::ES256);
  const auto parts = parts_of(sign(key, "p"));
  const std::string two = parts[0] + "." + parts[1];
  const std::string four = join(parts) + "." + parts[2];
  EXPECT_EQ(code_of(verify(two, key.public_jwk(), {Algorithm::ES256})), ErrorCode::malformed);
  EXPECT_EQ(code_of(verify(four, key.public_jwk(), {Algorithm::ES256})), ErrorCode::malformed);
  EXPECT_EQ(code_of(verify("", key.public_jwk(), {Algorithm::ES256})), ErrorCode::malformed);
}

TEST(Jws, RejectsPaddedBase64) {
  const SigningKey& key = key_for(Algorithm::ES256);
  auto parts = parts_of(sign(key, "p"));
  ASSERT_EQ(parts[2].size() % 4, 2u);  // 64 octets -> 86 characters
  parts[2] += "==";
  EXPECT_EQ(code_of(verify(join(parts), key.public_jwk(), {Algorithm::ES256})), ErrorCode::malformed);
}

TEST(Jws, RejectsNonCanonicalBase64) {
  // 64 octets leave 4 unused low bits in the last character; setting one decodes to the same
  // octets under a lax decoder, so only a strict one tells the two spellings apart.
  const SigningKey& key = key_for(Algorithm::ES256);
  auto parts = parts_of(sign(key, "p"));
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  char& last = parts[2].back();
  last = alphabet[alphabet.find(last) | 1];
  EXPECT_EQ(code_of(verify(join(parts), key.public_jwk(), {Algorithm::ES256})), ErrorCode::malformed);
}

TEST(Jws, RejectsUnknownCriticalHeader) {
  const SigningKey& key = key_for(Algorithm::ES256);
  const std::string token =
      sign_with_protected_header(key, R"({"alg":"ES256","crit":["exp"],"exp":1363284000})", "payload");
  EXPECT_EQ(code_of(verify(token, key.public_jwk(), {Algorithm::ES256})), ErrorCode::unsupported_critical_header);
}

TEST(Jws, RejectsHeaderThatIsNotAJsonObject) {
  const SigningKey& key = key_for(Algorithm::ES256);
  auto parts = parts_of(sign(key, "p"));
  for (const char* header : {"[\"ES256\"]", "{\"alg\":\"ES256\"", "\"ES256\"", "{\"alg\":256}"}) {
    parts[0] = base64url_encode(header);
    EXPECT_EQ(code_of(verify(join(parts), key.public_jwk(), {Algorithm::ES256})), ErrorCode::malformed) << header;
  }
}

TEST(Jws, RejectsEs256SignatureOfWrongLength) {
  const SigningKey& key = key_for(Algorithm::ES256);
  auto parts = parts_of(sign(key, "p"));
  const std::string sig = *base64url_decode(parts[2]);
  for (const std::string& bad : {sig.substr(0, 63), sig + std::string(1, '\0'), std::string(1, '\0') + sig}) {
    parts[2] = base64url_encode(bad);
    EXPECT_EQ(code_of(verify(join(parts), key.public_jwk(), {Algorithm::ES256})), ErrorCode::invalid_signature);
  }
}

TEST(Jws, RejectsEmptySignature) {
  const SigningKey& key = key_for(Algorithm::HS256);
  auto parts = parts_of(sign(key, "p"));
  parts[2].clear();
  EXPECT_EQ(code_of(verify(join(parts), key.public_jwk(), {Algorithm::HS256})), ErrorCode::invalid_signature);
}

TEST(Jws, RejectsOversizedToken) {
  const SigningKey& key = key_for(Algorithm::ES256);
  const std::string token = sign(key, std::string(kMaxCompactJwsBytes, 'x'));
  EXPECT_EQ(code_of(verify(token, key.public_jwk(), {Algorithm::ES256})), ErrorCode::malformed);
}

// RFC 7518 §3.5: PS256 uses MGF1 with SHA-256 and a salt as long as the hash (32 octets). A signature
// made by OpenSSL directly with those parameters verifies; one with a 20-octet salt does not.
std::string pss_sign(const SigningKey& key, std::string_view input, int salt) {
  const std::string pem = key.private_pem();
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* pkey = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_PKEY_CTX* pctx = nullptr;
  EVP_DigestSignInit(ctx, &pctx, EVP_sha256(), nullptr, pkey);
  EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
  EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, salt);
  EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256());
  std::string sig(512, '\0');
  std::size_t len = sig.size();
  EXPECT_EQ(EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len,
                           reinterpret_cast<const unsigned char*>(input.data()), input.size()),
            1);
  sig.resize(len);
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(pkey);
  return sig;
}

TEST(Jws, Ps256UsesMgf1Sha256With32ByteSalt) {
  const SigningKey& key = key_for(Algorithm::PS256);
  const std::string input = base64url_encode(R"({"alg":"PS256"})") + "." + base64url_encode("payload");
  const std::string good = input + "." + base64url_encode(pss_sign(key, input, 32));
  const std::string short_salt = input + "." + base64url_encode(pss_sign(key, input, 20));
  EXPECT_TRUE(verify(good, key.public_jwk(), {Algorithm::PS256}).ok());
  EXPECT_EQ(code_of(verify(short_salt, key.public_jwk(), {Algorithm::PS256})), ErrorCode::invalid_signature);
}

TEST(Jws, DecodeHeaderUnverifiedReadsTheHeaderOnly) {
  const std::string token = sign(key_for(Algorithm::EdDSA), {.typ = "JWT"}, "{}");
  auto header = decode_header_unverified(token);
  ASSERT_TRUE(header.ok());
  EXPECT_EQ(header->at("kid").as_string(), "ed");
  EXPECT_FALSE(decode_header_unverified("a.b").ok());
}

TEST(Jws, SignWithProtectedHeaderRefusesAnotherAlg) {
  EXPECT_THROW(sign_with_protected_header(key_for(Algorithm::ES256), R"({"alg":"RS256"})", "p"), std::invalid_argument);
  EXPECT_THROW(sign_with_protected_header(key_for(Algorithm::ES256), "not json", "p"), std::invalid_argument);
}

}  // namespace
}  // namespace authly::jose
