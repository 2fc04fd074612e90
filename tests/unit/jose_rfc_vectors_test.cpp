// The JOSE layer held against the test vectors the specifications publish: RFC 7515 Appendix A
// (JWS), RFC 7517 Appendices A and B (JWK), RFC 7638 §3.1 (thumbprint) and RFC 8037 Appendix A
// (Ed25519). Deterministic algorithms (HMAC, PKCS#1 v1.5, Ed25519) must reproduce the exact octets.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>

#include "core/base64url.hpp"
#include "jose/jwk.hpp"
#include "jose/jwk_set.hpp"
#include "jose/jws.hpp"
#include "jose/signing_key.hpp"

namespace authly::jose {
namespace {

boost::json::object json(std::string_view text) { return boost::json::parse(text).as_object(); }

// RFC 7515 A.1-A.3 payload: {"iss":"joe",CRLF "exp":1300819380,CRLF "http://example.com/is_root":true}
const std::string kPayload = "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";
constexpr std::string_view kPayload64 =
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";

// RFC 7515 A.1.1: HMAC key (as the JWK "k" member) and the complete JWS.
constexpr std::string_view kA1Key =
    "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
const std::string kA1Header = "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}";
const std::string kA1Jws = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9." + std::string(kPayload64) +
                           ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

// RFC 7515 A.2.1: the RSA key, and the complete JWS of A.2.1.
constexpr std::string_view kA2Key = R"({"kty":"RSA",
 "n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ",
 "e":"AQAB",
 "d":"Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe46sui395IW_GO-pWJ1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn439X0M_V51gfpRLI9JYanrC4D4qAdGcopV_0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLhBOneufuBiB4cS98l2SR_RQyGWSeWjnczT0QU91p1DhOVRuOopznQ",
 "p":"4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdiYrqBdss1l58BQ3KhooKeQTa9AB0Hw_Py5PJdTJNPY8cQn7ouZ2KKDcmnPGBY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc",
 "q":"uQPEfgmVtjL0Uyyx88GZFF1fOunH3-7cepKmtH4pxhtCoHqpWmT8YAmZxaewHgHAjLYsp1ZSe7zFYHj7C6ul7TjeLQeZD_YwD66t62wDmpe_HlB-TnBA-njbglfIsRLtXlnDzQkv5dTltRJ11BKBBypeeF6689rjcJIDEz9RWdc",
 "dp":"BwKfV3Akq5_MFZDFZCnW-wzl-CCo83WoZvnLQwCTeDv8uzluRSnm71I3QCLdhrqE2e9YkxvuxdBfpT_PI7Yz-FOKnu1R6HsJeDCjn12Sk3vmAktV2zb34MCdy7cpdTh_YVr7tss2u6vneTwrA86rZtu5Mbr1C1XsmvkxHQAdYo0",
 "dq":"h_96-mK1R_7glhsum81dZxjTnYynPbZpHziZjeeHcXYsXaaMwkOlODsWa7I9xXDoRwbKgB719rrmI2oKr6N3Do9U0ajaHF-NKJnwgjMd2w9cjz3_-kyNlxAr2v4IKhGNpmM5iIgOS1VZnOZ68m6_pbLBSp3nssTdlqvd0tIiTHU",
 "qi":"IYd7DHOhrWvxkwPQsRM2tOgrjbcrfvtQJipd-DlcxyVuuM9sQLdgjVk2oy26F0EmpScGLq2MowX7fhd_QJQ3ydy5cY7YIBi87w93IKLEdfnbJtoOPLUW0ITrJReOgo1cq9SbsxYawBgfp_gh6A5603k2-ZQwVK0JKSHuLFkuQ3U"})";
const std::string kA2Jws =
    "eyJhbGciOiJSUzI1NiJ9." + std::string(kPayload64) +
    ".cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t"
    "1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzD"
    "wusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe"
    "77Rw";

// RFC 7515 A.3.1: the P-256 key and the complete JWS (ECDSA is randomised: verify only).
constexpr std::string_view kA3Key = R"({"kty":"EC","crv":"P-256",
 "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
 "y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
 "d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"})";
const std::string kA3Jws = "eyJhbGciOiJFUzI1NiJ9." + std::string(kPayload64) +
                           ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

// RFC 8037 A.1 (private), A.2 (public), A.3 (thumbprint), A.4 (JWS).
constexpr std::string_view kEd25519Private =
    R"({"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})";
constexpr std::string_view kEd25519Public =
    R"({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})";
constexpr std::string_view kEd25519Payload = "Example of Ed25519 signing";
constexpr std::string_view kEd25519Jws =
    "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."
    "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

// RFC 7517 A.1 (also the RFC 7638 §3.1 example key).
constexpr std::string_view kRfc7517PublicSet = R"({"keys":[
 {"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4",
  "y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM","use":"enc","kid":"1"},
 {"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
  "e":"AQAB","alg":"RS256","kid":"2011-04-29"}]})";

// RFC 7517 A.2: the private form of the RSA key above.
constexpr std::string_view kRfc7517PrivateRsa = R"({"kty":"RSA",
 "n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
 "e":"AQAB",
 "d":"X4cTteJY_gn4FYPsXB8rdXix5vwsg1FLN5E3EaG6RJoVH-HLLKD9M7dx5oo7GURknchnrRweUkC7hT5fJLM0WbFAKNLWY2vv7B6NqXSzUvxT0_YSfqijwp3RTzlBaCxWp4doFk5N2o8Gy_nHNKroADIkJ46pRUohsXywbReAdYaMwFs9tv8d_cPVY3i07a3t8MN6TNwm0dSawm9v47UiCl3Sk5ZiG7xojPLu4sbg1U2jx4IBTNBznbJSzFHK66jT8bgkuqsk0GjskDJk19Z4qwjwbsnn4j2WBii3RL-Us2lGVkY8fkFzme1z0HbIkfz0Y6mqnOYtqc0X4jfcKoAC8Q",
 "p":"83i-7IvMGXoMXCskv73TKr8637FiO7Z27zv8oj6pbWUQyLPQBQxtPVnwD20R-60eTDmD2ujnMt5PoqMrm8RfmNhVWDtjjMmCMjOpSXicFHj7XOuVIYQyqVWlWEh6dN36GVZYk93N8Bc9vY41xy8B9RzzOGVQzXvNEvn7O0nVbfs",
 "q":"3dfOR9cuYq-0S-mkFLzgItgMEfFzB2q3hWehMuG0oCuqnb3vobLyumqjVZQO1dIrdwgTnCdpYzBcOfW5r370AFXjiWft_NGEiovonizhKpo9VVS78TzFgxkIdrecRezsZ-1kYd_s1qDbxtkDEgfAITAG9LUnADun4vIcb6yelxk",
 "dp":"G4sPXkc6Ya9y8oJW9_ILj4xuppu0lzi_H7VTkS8xj5SdX3coE0oimYwxIi2emTAue0UOa5dpgFGyBJ4c8tQ2VF402XRugKDTP8akYhFo5tAA77Qe_NmtuYZc3C3m3I24G2GvR5sSDxUyAN2zq8Lfn9EUms6rY3Ob8YeiKkTiBj0",
 "dq":"s9lAH9fggBsoFR8Oac2R_E2gw282rT2kGOAhvIllETE1efrA6huUUvMfBcMpn8lqeW6vzznYY5SSQF7pMdC_agI3nG8Ibp1BUb0JUiraRNqUfLhcQb_d9GF4Dh7e74WbRsobRonujTYN1xCaP6TO61jvWrX-L18txXw494Q_cgk",
 "qi":"GyM_p6JrXySiz1toFgKbWV-JdI3jQ4ypu9rbMWx3rQJBfmt0FoYzgUIZEVFEcOqwemRN81zoDAaa-Bk0KWNGDjJHZDdDmFhW3AN7lI-puxk_mHZGJ11rxyR8O55XLSe3SPmRfKwZI6yU24ZxvQKFYItdldUKGzO6Ia6zTKhAVRU",
 "alg":"RS256","kid":"2011-04-29"})";

// RFC 7517 B: an RSA signing key that also carries an X.509 chain (x5c). The certificate is shortened
// here: Authly neither reads nor republishes x5c.
constexpr std::string_view kRfc7517X5cKey = R"({"kty":"RSA","use":"sig","kid":"1b94c",
 "n":"vrjOfz9Ccdgx5nQudyhdoR17V-IubWMeOZCwX_jj0hgAsz2J_pqYW08PLbK_PdiVGKPrqzmDIsLI7sA25VEnHU1uCLNwBuUiCO11_-7dYbsr4iJmG0Qu2j8DsVyT1azpJC_NG84Ty5KKthuCaPod7iI7w0LK9orSMhBEwwZDCxTWq4aYWAchc8t-emd9qOvWtVMDC2BXksRngh6X5bUYLy6AyHKvj-nUy1wgzjYQDwHMTplCoLtU-o-8SNnZ1tmRoGE9uJkBLdh5gFENabWnU5m1ZqZPdwS-qo-meMvVfJb6jJVWRpl2SUtCnYG2C32qvbWbjZ_jBPD5eunqsIo1vQ",
 "e":"AQAB","x5c":["MIIDQjCCAiqgAwIBAgIGATz/FuLiMA0GCSqGSIb3DQEBBQUAMGIxCzAJBgNVBAYTAlVTMQswCQYDVQQ"]})";

constexpr std::string_view kRfc7638Thumbprint = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";
constexpr std::string_view kRfc8037Thumbprint = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";

TEST(Jws, Rfc7515A1Hs256SignatureIsReproduced) {
  auto key = SigningKey::hmac(*core::base64url_decode(kA1Key));
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(sign_with_protected_header(*key, kA1Header, kPayload), kA1Jws);
}

TEST(Jws, Rfc7515A1Hs256Verifies) {
  auto key = Jwk::hmac(*core::base64url_decode(kA1Key));
  ASSERT_TRUE(key.ok());
  auto result = verify(kA1Jws, *key, {Algorithm::HS256});
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->payload, kPayload);
}

TEST(Jws, Rfc7515A2Rs256SignatureIsReproduced) {
  auto key = SigningKey::from_json(json(kA2Key), Algorithm::RS256);
  ASSERT_TRUE(key.ok()) << key.error().message;
  // The A.2 JWK has no kid, so the header is exactly {"alg":"RS256"} as in the RFC.
  EXPECT_EQ(sign(*key, kPayload), kA2Jws);
}

TEST(Jws, Rfc7515A2Rs256Verifies) {
  auto key = Jwk::from_json(json(kA2Key));
  ASSERT_TRUE(key.ok()) << key.error().message;
  auto result = verify(kA2Jws, *key, {Algorithm::RS256});
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->alg, Algorithm::RS256);
  EXPECT_EQ(result->payload, kPayload);
}

TEST(Jws, Rfc7515A3Es256Verifies) {
  auto key = Jwk::from_json(json(kA3Key));
  ASSERT_TRUE(key.ok()) << key.error().message;
  auto result = verify(kA3Jws, *key, {Algorithm::ES256});
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->payload, kPayload);
}

TEST(Jws, Rfc7515A3KeySignsVerifiableRawSignatures) {
  auto key = SigningKey::from_json(json(kA3Key));
  ASSERT_TRUE(key.ok()) << key.error().message;
  const std::string token = sign(*key, kPayload);
  const auto sig = core::base64url_decode(token.substr(token.rfind('.') + 1));
  ASSERT_TRUE(sig.has_value());
  EXPECT_EQ(sig->size(), 64u);  // R||S, not DER
  EXPECT_TRUE(verify(token, key->public_jwk(), {Algorithm::ES256}).ok());
}

TEST(Jws, Rfc8037A4Ed25519SignatureIsReproduced) {
  auto key = SigningKey::from_json(json(kEd25519Private));
  ASSERT_TRUE(key.ok()) << key.error().message;
  EXPECT_EQ(key->algorithm(), Algorithm::EdDSA);
  EXPECT_EQ(sign(*key, kEd25519Payload), kEd25519Jws);
}

TEST(Jws, Rfc8037A5Ed25519Verifies) {
  auto key = Jwk::from_json(json(kEd25519Public));
  ASSERT_TRUE(key.ok()) << key.error().message;
  auto result = verify(kEd25519Jws, *key, {Algorithm::EdDSA});
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->payload, kEd25519Payload);
}

TEST(Jwk, Rfc7638ThumbprintOfRsaKeyIsReproduced) {
  auto set = JwkSet::parse(kRfc7517PublicSet);
  ASSERT_TRUE(set.ok());
  const Jwk* key = set->find_kid("2011-04-29");
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(key->thumbprint(), kRfc7638Thumbprint);
}

TEST(Jwk, Rfc8037A3ThumbprintOfEd25519KeyIsReproduced) {
  auto key = Jwk::from_json(json(kEd25519Public));
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->thumbprint(), kRfc8037Thumbprint);
}

TEST(Jwk, Rfc7517A1RoundTripsItsPublicMembers) {
  auto set = JwkSet::parse(kRfc7517PublicSet);
  ASSERT_TRUE(set.ok());
  const Jwk* key = set->find_kid("2011-04-29");
  ASSERT_NE(key, nullptr);
  const auto original = json(kRfc7517PublicSet).at("keys").as_array().at(1).as_object();
  const auto exported = key->to_json();
  EXPECT_EQ(exported.at("n"), original.at("n"));
  EXPECT_EQ(exported.at("e"), original.at("e"));
  EXPECT_EQ(exported.at("alg"), original.at("alg"));
  EXPECT_EQ(exported.at("kid"), original.at("kid"));
}

TEST(JwkSet, Rfc7517A1SkipsTheEncryptionKeyAndKeepsTheSigningKey) {
  auto set = JwkSet::parse(kRfc7517PublicSet);
  ASSERT_TRUE(set.ok());
  ASSERT_EQ(set->size(), 1u);  // the EC key is "use":"enc"
  EXPECT_EQ(set->keys()[0].kid(), "2011-04-29");
  EXPECT_EQ(set->keys()[0].algorithm(), Algorithm::RS256);
  EXPECT_EQ(set->find_kid("1"), nullptr);
}

TEST(SigningKey, Rfc7517A2PrivateRsaKeyMatchesItsPublicKey) {
  auto key = SigningKey::from_json(json(kRfc7517PrivateRsa));
  ASSERT_TRUE(key.ok()) << key.error().message;
  EXPECT_EQ(key->algorithm(), Algorithm::RS256);
  EXPECT_EQ(key->kid(), "2011-04-29");
  EXPECT_EQ(key->public_jwk().thumbprint(), kRfc7638Thumbprint);
  auto set = JwkSet::parse(kRfc7517PublicSet);
  ASSERT_TRUE(set.ok());
  EXPECT_TRUE(verify(sign(*key, "payload"), *set, {Algorithm::RS256}).ok());
}

TEST(JwkSet, Rfc7517BKeyWithX5cIsKeptWithoutRepublishingTheChain) {
  auto set = JwkSet::parse("{\"keys\":[" + std::string(kRfc7517X5cKey) + "]}");
  ASSERT_TRUE(set.ok());
  ASSERT_EQ(set->size(), 1u);
  EXPECT_EQ(set->keys()[0].kid(), "1b94c");
  EXPECT_EQ(set->serialize().find("x5c"), std::string::npos);
}

}  // namespace
}  // namespace authly::jose
