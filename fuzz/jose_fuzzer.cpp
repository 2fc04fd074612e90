// JOSE compact tokens (jose/jws.hpp, jose/jwt_claims.hpp) and the verifiers built on them: client
// assertions (private_key_jwt) and access tokens. The first byte picks the mode:
//  - even: the rest is a compact JWS from outside, verified against a key set of every key type
//    (RSA, P-256, Ed25519, HS256). Nothing may throw or read out of bounds, and a token that
//    verifies was verified with the algorithm its header names.
//  - odd: the rest is a JWT claims payload that a client signs with its own key, so its claims
//    reach the checks after the signature (what a registered client controls). The token must
//    verify and return the payload unchanged.
#include <boost/json/parse.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "jose/jws.hpp"
#include "jose/jwt_claims.hpp"
#include "oauth/access_token.hpp"
#include "oauth/client_auth/private_key_jwt.hpp"
#include "store/token_repository.hpp"

using namespace authly;

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

// Keys that sign nothing but fuzz inputs; fixed so that corpus entries stay meaningful.
constexpr std::string_view kEd25519 =
    R"({"kty":"OKP","crv":"Ed25519","kid":"ed","d":"tONG6VZIxSmsnBScnP9vNPw9p88vuM9D9IfbhJH7xYk",)"
    R"("x":"jtaOW_h67dteYfyFVCZOVRbLME3ykkmqvhnVLGBWAJE"})";
constexpr std::string_view kP256 =
    R"({"kty":"EC","crv":"P-256","kid":"ec","d":"KkixiO5nJDifq9zZ6BMjuaXugYc9Dsf9klX7TeVFqzk",)"
    R"("x":"EEc8QQNaA_RkWaAWLIxOblk7KS_Cj7-CWQP3PY7v_E4","y":"Z61GAD5YDTAowaMjVpxdTgrEXygkPvcnR3p-pvxjiVk"})";
constexpr std::string_view kHmacSecret = "authly-fuzz-hs256-secret-0123456789abcdef";
constexpr std::string_view kIssuer = "https://issuer.example";

jose::SigningKey private_jwk(std::string_view json) {
  auto parsed = jose::Jwk::parse(json);  // checks the public half parses on its own
  require(parsed.ok());
  boost::system::error_code ec;
  auto value = boost::json::parse(json, ec);
  require(!ec);
  auto key = jose::SigningKey::from_json(value.as_object());
  require(key.ok());
  return std::move(key).value();
}

struct Keys {
  jose::SigningKey ed = private_jwk(kEd25519);
  jose::SigningKey ec = private_jwk(kP256);
  jose::SigningKey hs = std::move(jose::SigningKey::hmac(std::string(kHmacSecret), "hs")).value();
  jose::SigningKey rsa = jose::SigningKey::generate(jose::Algorithm::RS256, "rsa");
  jose::JwkSet all{{ed.public_jwk(), ec.public_jwk(), rsa.public_jwk(), hs.public_jwk()}};
  jose::JwkSet client{{ed.public_jwk()}};
};

const Keys& keys() {
  static const Keys k;
  return k;
}

// Only what verify_client_assertion touches: the jti record.
class JtiRecorder final : public store::TokenRepository {
 public:
  bool record_assertion_jti(const std::string& client_id, const std::string& jti, store::TimePoint) override {
    return seen_.emplace(client_id + '\n' + jti, true).second;
  }
  void create_refresh(const store::RefreshToken&) override {}
  std::optional<store::RefreshToken> find_refresh(const std::string&) override { return std::nullopt; }
  std::optional<store::RefreshToken> rotate_refresh(const std::string&, store::TimePoint) override {
    return std::nullopt;
  }
  std::int64_t revoke_family(const std::string&, store::TimePoint) override { return 0; }
  std::int64_t revoke_for_session(const std::string&, store::TimePoint) override { return 0; }
  std::int64_t revoke_for_user(const std::string&, store::TimePoint) override { return 0; }
  std::int64_t revoke_for_client(const std::string&, store::TimePoint) override { return 0; }
  std::int64_t delete_expired_refresh(store::TimePoint, std::int64_t) override { return 0; }
  void deny_access_token(const std::string&, store::TimePoint) override {}
  bool is_access_token_denied(const std::string&) override { return false; }
  std::vector<store::DeniedAccessToken> denied_since(std::int64_t, store::TimePoint, std::int64_t) override {
    return {};
  }
  std::int64_t purge_denied(store::TimePoint, std::int64_t) override { return 0; }
  void record_family_access_token(const std::string&, const std::string&, store::TimePoint) override {}
  std::int64_t deny_family_access_tokens(const std::string&) override { return 0; }
  std::int64_t deny_session_access_tokens(const std::string&) override { return 0; }

 private:
  std::map<std::string, bool> seen_;
};

// A token that verifies names, in its header, the allowed algorithm it was verified with.
void check_verified(const jose::Result<jose::VerifiedJws>& verified, jose::AlgorithmSet allowed) {
  if (!verified) return;
  require(allowed.contains(verified->alg));
  const auto* alg = verified->header.if_contains("alg");
  require(alg != nullptr && alg->is_string() && alg->get_string() == jose::to_string(verified->alg));
}

void outside_token(std::string_view token) {
  const Keys& k = keys();
  const jose::AlgorithmSet every{jose::Algorithm::RS256, jose::Algorithm::PS256, jose::Algorithm::ES256,
                                 jose::Algorithm::EdDSA, jose::Algorithm::HS256};
  (void)jose::decode_header_unverified(token);
  (void)oauth::assertion_client_id_unverified(token);
  check_verified(jose::verify(token, k.all, every), every);
  check_verified(jose::verify(token, k.hs.public_jwk(), every), every);
  check_verified(jose::verify(token, k.ed.public_jwk(), jose::AlgorithmSet::asymmetric()),
                 jose::AlgorithmSet::asymmetric());
}

void signed_claims(std::string_view payload) {
  const Keys& k = keys();
  const core::TimePoint now = core::from_unix(1'700'000'000);
  const std::string token = jose::sign(k.ed, jose::HeaderParams{.typ = "at+jwt"}, payload);
  auto verified = jose::verify(token, k.client, jose::AlgorithmSet::asymmetric());
  require(verified.ok() && verified->payload == payload && verified->alg == jose::Algorithm::EdDSA);

  if (auto claims = jose::parse_claims(payload))
    (void)jose::validate_claims(*claims, kIssuer, "client", now, std::chrono::seconds(60));
  JtiRecorder jtis;
  const oauth::AssertionRules rules{.audiences = {std::string(kIssuer)}, .now = now};
  (void)oauth::verify_client_assertion(token, "client", k.client, rules, jtis);
  (void)oauth::verify_access_token_signature(token, k.client, kIssuer, now, std::chrono::seconds(0));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  if (data[0] % 2 == 0)
    outside_token(rest);
  else
    signed_claims(rest);
  return 0;
}
