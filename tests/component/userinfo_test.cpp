// GET/POST /oidc/userinfo (OIDC Core §5.3, RFC 6750) over HTTP with tokens from the real flow, and
// the authorization request's OIDC parameters end to end: claims (§5.5), offline_access (§11), and
// the session's clients recorded for back-channel logout.
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "browser_harness.hpp"
#include "endpoints/userinfo_endpoint.hpp"
#include "jose/jws.hpp"
#include "oidc/subject.hpp"

namespace authly::test::browser {
namespace {

using std::chrono::seconds;
using ::testing::HasSubstr;
using ::testing::Not;

// A string member, or "" when absent or not a string.
std::string text(const boost::json::object& o, std::string_view name) {
  const auto* v = o.if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

class Userinfo : public BrowserFlow {
 protected:
  // Authorize (login + consent) with `extra` parameters and exchange the code: the access token.
  std::string access_token(const std::vector<std::pair<std::string, std::string>>& extra = {}) {
    Browser b(port());
    auto tokens = exchange_code(code_from(full_flow(b, authorize_target(extra))));
    EXPECT_TRUE(tokens.contains("access_token")) << boost::json::serialize(tokens);
    return text(tokens, "access_token");
  }
  // An access token signed with the server's key, with claims a test chooses (RFC 9068 shape).
  std::string mint(const std::function<void(boost::json::object&)>& adjust) {
    boost::json::object c;
    c["iss"] = config_.issuer;
    c["sub"] = alice_id_;
    c["aud"] = config_.issuer;
    c["client_id"] = "app";
    c["iat"] = core::to_unix(clock_.now());
    c["exp"] = core::to_unix(clock_.now() + seconds(300));
    c["jti"] = "test-" + std::to_string(++minted_);
    c["scope"] = "openid";
    adjust(c);
    return jose::sign(*keys_->active(jose::Algorithm::ES256), jose::HeaderParams{.typ = "at+jwt"},
                      boost::json::serialize(c));
  }
  HttpResponse get_userinfo(const std::string& token, const std::string& query = "") {
    HeaderList h;
    if (!token.empty()) h.emplace_back("Authorization", "Bearer " + token);
    return request(port(), "GET", "/oidc/userinfo" + query, h, "");
  }
  HttpResponse post_userinfo(const std::vector<std::pair<std::string, std::string>>& form, HeaderList h = {}) {
    h.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    return request(port(), "POST", "/oidc/userinfo", h, http::encode_form(form));
  }
  void update_client(const std::string& id, const std::function<void(store::Client&)>& change) {
    auto c = store_->clients().find(id);
    ASSERT_TRUE(c);
    change(*c);
    ASSERT_TRUE(store_->clients().update(*c));
  }
  static void expect_invalid_token(const HttpResponse& r) {
    EXPECT_EQ(r.status, 401) << r.body;
    EXPECT_THAT(r.header("WWW-Authenticate").value_or(""), HasSubstr("Bearer "));
    EXPECT_THAT(r.header("WWW-Authenticate").value_or(""), HasSubstr("error=\"invalid_token\""));
    EXPECT_THAT(r.header("WWW-Authenticate").value_or(""), HasSubstr("error_description=\""));
    EXPECT_EQ(text(json_body(r), "error"), "invalid_token");
  }
  int minted_ = 0;
};

// --- tokens and the Bearer rules (RFC 6750) ---

TEST_F(Userinfo, GetWithBearerHeaderReturnsSubAndProfileClaims) {
  const auto token = access_token();  // scope openid profile
  auto r = get_userinfo(token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_THAT(r.header("Content-Type").value_or(""), HasSubstr("application/json"));
  EXPECT_EQ(r.header("Cache-Control").value_or(""), "no-store");
  auto body = json_body(r);
  EXPECT_EQ(text(body, "sub"), alice_id_);
  EXPECT_EQ(text(body, "preferred_username"), "alice");
  EXPECT_EQ(text(body, "given_name"), "Alice");
  EXPECT_EQ(text(body, "family_name"), "Liddell");
  EXPECT_EQ(text(body, "name"), "Alice Liddell");
  EXPECT_FALSE(body.contains("email"));  // not granted
}

TEST_F(Userinfo, PostWithFormBodyTokenIsAccepted) {
  auto r = post_userinfo({{"access_token", access_token()}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(text(json_body(r), "sub"), alice_id_);
}

TEST_F(Userinfo, TokenInQueryStringIsInvalidRequest) {
  const auto token = access_token();
  auto r = get_userinfo("", "?access_token=" + token);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(text(json_body(r), "error"), "invalid_request");
  // Even next to a good header: the URL has leaked it already.
  EXPECT_EQ(get_userinfo(token, "?access_token=" + token).status, 400);
}

TEST_F(Userinfo, TokenInHeaderAndBodyIsInvalidRequest) {
  const auto token = access_token();
  auto r = post_userinfo({{"access_token", token}}, {{"Authorization", "Bearer " + token}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(text(json_body(r), "error"), "invalid_request");
}

TEST_F(Userinfo, MissingTokenIs401WithBareBearerChallenge) {
  auto r = get_userinfo("");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.header("WWW-Authenticate").value_or(""), "Bearer realm=\"authly\"");  // RFC 6750 §3.1: no error code
  EXPECT_EQ(post_userinfo({{"other", "x"}}).status, 401);
}

TEST_F(Userinfo, GarbageTokenIsInvalidToken) {
  expect_invalid_token(get_userinfo("not-a-jwt"));
  expect_invalid_token(post_userinfo({{"access_token", "a.b.c"}}));
}

TEST_F(Userinfo, ExpiredTokenIsInvalidToken) {
  const auto token = access_token();
  ASSERT_EQ(get_userinfo(token).status, 200);
  clock_.advance(seconds(config_.oauth.access_token_ttl_s + 1));
  expect_invalid_token(get_userinfo(token));
}

TEST_F(Userinfo, RevokedTokenIsInvalidToken) {
  const auto token = access_token();
  ASSERT_EQ(get_userinfo(token).status, 200);
  auto revoked = request(port(), "POST", "/auth/revoke", {{"Content-Type", "application/x-www-form-urlencoded"}},
                         http::encode_form({{"token", token}, {"client_id", "app"}}));
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  expect_invalid_token(get_userinfo(token));
}

TEST_F(Userinfo, DisabledUserIsInvalidToken) {
  const auto token = access_token();
  ASSERT_TRUE(store_->users().set_active(alice_id_, false, clock_.now()));
  expect_invalid_token(get_userinfo(token));
}

TEST_F(Userinfo, TokenWithoutOpenidIsInsufficientScope) {
  const auto token = access_token({{"scope", "profile"}});
  auto r = get_userinfo(token);
  EXPECT_EQ(r.status, 403) << r.body;
  const auto challenge = r.header("WWW-Authenticate").value_or("");
  EXPECT_THAT(challenge, HasSubstr("error=\"insufficient_scope\""));
  EXPECT_THAT(challenge, HasSubstr("scope=\"openid\""));
}

TEST_F(Userinfo, ClientCredentialsTokenIsInvalidToken) {
  // RFC 9068 §2.2: no end-user, sub is the client. No scope would make it good for userinfo.
  expect_invalid_token(get_userinfo(mint([](auto& c) { c["sub"] = "app"; })));
}

TEST_F(Userinfo, TokenForAnotherAudienceIsInvalidToken) {
  ASSERT_EQ(get_userinfo(mint([](auto&) {})).status, 200);
  expect_invalid_token(get_userinfo(mint([](auto& c) { c["aud"] = "https://api.example"; })));
}

TEST_F(Userinfo, TokenOfDeactivatedClientIsInvalidToken) {
  const auto token = access_token();
  update_client("app", [](auto& c) { c.is_active = false; });
  expect_invalid_token(get_userinfo(token));
}

// A browser app calls from the origin of its redirect URI (endpoints/cors.hpp; tests/component/cors_test.cpp
// has the rules route by route).
TEST_F(Userinfo, CrossOriginCallsAreAllowedWithTheAuthorizationHeader) {
  const std::string origin = "https://app.example";  // the clients' redirect URIs are there
  auto pre = request(port(), "OPTIONS", "/oidc/userinfo",
                     {{"Origin", origin},
                      {"Access-Control-Request-Method", "GET"},
                      {"Access-Control-Request-Headers", "authorization"}},
                     "");
  EXPECT_EQ(pre.status, 204);
  EXPECT_EQ(pre.header("Access-Control-Allow-Origin").value_or(""), origin);
  EXPECT_THAT(pre.header("Access-Control-Allow-Headers").value_or(""), HasSubstr("Authorization"));
  auto r = request(port(), "GET", "/oidc/userinfo",
                   {{"Authorization", "Bearer " + mint([](auto&) {})}, {"Origin", origin}}, "");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Access-Control-Allow-Origin").value_or(""), origin);
  auto missing = request(port(), "GET", "/oidc/userinfo", {{"Origin", origin}}, "");
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(missing.header("Access-Control-Allow-Origin").value_or(""), origin);
  EXPECT_THAT(missing.header("Access-Control-Expose-Headers").value_or(""), HasSubstr("WWW-Authenticate"));
  auto stranger = request(port(), "GET", "/oidc/userinfo", {{"Origin", "https://spa.example"}}, "");
  EXPECT_FALSE(stranger.header("Access-Control-Allow-Origin"));  // no client redirects there
}

// --- signed responses (OIDC Core §5.3.2, OIDC Registration §2 userinfo_signed_response_alg) ---

TEST_F(Userinfo, ClientWithUserinfoAlgGetsAJwtThatVerifiesAgainstThePublishedKeys) {
  update_client("app", [](auto& c) { c.userinfo_signed_response_alg = "ES256"; });
  const auto token = access_token();  // scope openid profile
  for (const auto& r : {get_userinfo(token), post_userinfo({{"access_token", token}})}) {
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("Content-Type").value_or(""), "application/jwt");
    EXPECT_EQ(r.header("Cache-Control").value_or(""), "no-store");
    auto v = jose::verify(r.body, *keys_->published(), jose::AlgorithmSet{jose::Algorithm::ES256});
    ASSERT_TRUE(v.ok()) << v.error().message << ": " << r.body;
    EXPECT_EQ(text(v->header, "typ"), "JWT");
    EXPECT_EQ(text(v->header, "kid"), keys_->active(jose::Algorithm::ES256)->kid());
    const auto claims = boost::json::parse(v->payload).as_object();
    EXPECT_EQ(text(claims, "iss"), config_.issuer);
    EXPECT_EQ(text(claims, "aud"), "app");
    EXPECT_EQ(text(claims, "sub"), alice_id_);
    EXPECT_EQ(text(claims, "preferred_username"), "alice");
    EXPECT_EQ(text(claims, "given_name"), "Alice");
    EXPECT_EQ(text(claims, "name"), "Alice Liddell");
    EXPECT_FALSE(claims.contains("email"));  // not granted: the same release rules as JSON
  }
}

TEST_F(Userinfo, SignedResponseUsesTheClientsAlgorithmAndItsSubject) {
  update_client("app", [](auto& c) {
    c.userinfo_signed_response_alg = "RS256";
    c.subject_type = "pairwise";
  });
  auto r = get_userinfo(mint([](auto& c) { c[endpoints::kUserinfoClaimsClaim] = boost::json::array{"email"}; }));
  ASSERT_EQ(r.status, 200) << r.body;
  auto v = jose::verify(r.body, *keys_->published(), jose::AlgorithmSet{jose::Algorithm::RS256});
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(text(v->header, "kid"), keys_->active(jose::Algorithm::RS256)->kid());
  const auto claims = boost::json::parse(v->payload).as_object();
  EXPECT_EQ(text(claims, "sub"), oidc::subject_for(*store_->clients().find("app"), alice_id_, pairwise_key()));
  EXPECT_NE(text(claims, "sub"), alice_id_);
  EXPECT_EQ(text(claims, "email"), "alice@example.com");  // the claims parameter's userinfo member
}

TEST_F(Userinfo, ClientWithoutUserinfoAlgStillGetsJson) {
  // Only the ID-token algorithm registered: UserInfo stays plain JSON (OIDC Registration §2 default).
  update_client("app", [](auto& c) { c.id_token_signed_response_alg = "ES256"; });
  auto r = get_userinfo(access_token());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type").value_or(""), "application/json");
  auto body = json_body(r);
  EXPECT_EQ(text(body, "sub"), alice_id_);
  EXPECT_FALSE(body.contains("iss"));
  EXPECT_FALSE(body.contains("aud"));
  // The signing choice is per client: another client's token is answered in JSON.
  update_client("app", [](auto& c) { c.userinfo_signed_response_alg = "ES256"; });
  auto other = get_userinfo(mint([](auto& c) { c["client_id"] = "trusted"; }));
  ASSERT_EQ(other.status, 200) << other.body;
  EXPECT_EQ(other.header("Content-Type").value_or(""), "application/json");
  EXPECT_EQ(get_userinfo(mint([](auto&) {})).header("Content-Type").value_or(""), "application/jwt");
}

TEST_F(Userinfo, ErrorsForASigningClientStayJsonWithABearerChallenge) {
  update_client("app", [](auto& c) { c.userinfo_signed_response_alg = "ES256"; });
  auto forbidden = get_userinfo(mint([](auto& c) { c["scope"] = "profile"; }));
  EXPECT_EQ(forbidden.status, 403) << forbidden.body;
  EXPECT_EQ(forbidden.header("Content-Type").value_or(""), "application/json");
  EXPECT_EQ(text(json_body(forbidden), "error"), "insufficient_scope");
  expect_invalid_token(get_userinfo(mint([](auto& c) { c["aud"] = "https://api.example"; })));
}

TEST_F(Userinfo, UnusableStoredAlgorithmIsAServerErrorNotUnsignedJson) {
  // Registration refuses it; a row holding it anyway must not quietly downgrade to plain JSON.
  update_client("app", [](auto& c) { c.userinfo_signed_response_alg = "HS256"; });
  auto r = request(port(), "GET", "/oidc/userinfo",
                   {{"Authorization", "Bearer " + mint([](auto&) {})}, {"Origin", "https://app.example"}}, "");
  EXPECT_EQ(r.status, 500) << r.body;
  EXPECT_FALSE(json_body(r).contains("sub"));
  // The route's failure answer: an OAuth server_error a browser app may read (CORS), not cached.
  EXPECT_EQ(text(json_body(r), "error"), "server_error");
  EXPECT_EQ(r.header("Access-Control-Allow-Origin").value_or(""), "https://app.example");
  EXPECT_EQ(r.header("Cache-Control").value_or(""), "no-store");
}

// --- which claims (OIDC Core §5.4, §5.5, §8) ---

TEST_F(Userinfo, EmailScopeGivesEmailClaimsButNotProfileClaims) {
  auto body = json_body(get_userinfo(access_token({{"scope", "openid email"}})));
  EXPECT_EQ(text(body, "sub"), alice_id_);
  EXPECT_EQ(text(body, "email"), "alice@example.com");
  ASSERT_TRUE(body.contains("email_verified"));
  EXPECT_EQ(body.at("email_verified"), boost::json::value(true));
  EXPECT_FALSE(body.contains("name"));
  EXPECT_FALSE(body.contains("given_name"));
  EXPECT_FALSE(body.contains("preferred_username"));
}

TEST_F(Userinfo, PairwiseClientSeesPairwiseSubject) {
  update_client("app", [](auto& c) { c.subject_type = "pairwise"; });
  const auto token = access_token();
  auto body = json_body(get_userinfo(token));
  const auto client = store_->clients().find("app");
  ASSERT_TRUE(client);
  const auto expected = oidc::subject_for(*client, alice_id_, pairwise_key());
  EXPECT_NE(expected, alice_id_);
  EXPECT_EQ(text(body, "sub"), expected);
  EXPECT_EQ(text(json_body(get_userinfo(token)), "sub"), expected);  // stable
  // "trusted" stays public.
  EXPECT_EQ(text(json_body(get_userinfo(mint([](auto& c) { c["client_id"] = "trusted"; }))), "sub"), alice_id_);
}

TEST_F(Userinfo, UserinfoMemberOfClaimsParameterIsReleasedFromTheToken) {
  // The access token carries the names the claims parameter's userinfo member asked for.
  auto body = json_body(get_userinfo(mint([](auto& c) {
    c[endpoints::kUserinfoClaimsClaim] = boost::json::array{"email", "given_name"};
  })));
  EXPECT_EQ(text(body, "sub"), alice_id_);
  EXPECT_EQ(text(body, "email"), "alice@example.com");
  EXPECT_EQ(text(body, "given_name"), "Alice");
  EXPECT_FALSE(body.contains("family_name"));  // profile scope not granted, not named
  EXPECT_FALSE(body.contains("email_verified"));
}

TEST_F(Userinfo, ClaimsParameterUserinfoMemberFlowsFromAuthorizeThroughTheTokens) {
  // Only openid is granted, yet the request named email for userinfo (OIDC Core §5.5): the code,
  // the access token and the refreshed access token carry it to the userinfo endpoint.
  Browser b(port());
  auto tokens = exchange_code(code_from(full_flow(
      b, authorize_target({{"scope", "openid"}, {"claims", R"({"userinfo":{"email":{"essential":true}}})"}}))));
  auto body = json_body(get_userinfo(text(tokens, "access_token")));
  EXPECT_EQ(text(body, "email"), "alice@example.com");
  EXPECT_FALSE(body.contains("given_name"));
  auto refreshed = refresh_with(text(tokens, "refresh_token"));
  EXPECT_EQ(text(json_body(get_userinfo(text(refreshed, "access_token"))), "email"), "alice@example.com");
  // Without the parameter the same scope releases no e-mail (consent is remembered: login redirects).
  Browser other(port());
  auto plain = exchange_code(code_from(login(other, other.get(authorize_target({{"scope", "openid"}})))));
  EXPECT_FALSE(json_body(get_userinfo(text(plain, "access_token"))).contains("email"));
}

// --- the authorization request's OIDC parameters ---

TEST_F(Userinfo, MalformedClaimsParameterRedirectsInvalidRequest) {
  Browser b(port());
  auto r = b.get(authorize_target({{"claims", "{\"userinfo\":"}}));
  ASSERT_TRUE(r.status == 302 || r.status == 303) << r.status << r.body;
  const auto location = r.header("Location").value_or("");
  EXPECT_EQ(location.rfind("https://app.example/cb?", 0), 0u) << location;
  auto q = query_of(location);
  EXPECT_EQ(q["error"], "invalid_request");
  EXPECT_EQ(q["state"], "st-42");
  EXPECT_EQ(q["iss"], config_.issuer);
}

TEST_F(Userinfo, ClaimsParameterIsShownAtConsentAndStoredOnTheCode) {
  const std::string claims = R"({"userinfo":{"email":{"essential":true}},"id_token":{"email":null,"picture":null}})";
  Browser b(port());
  auto page = b.get(authorize_target({{"claims", claims}}));
  ASSERT_EQ(page.status, 200) << page.body;
  auto consent = login(b, page);
  ASSERT_EQ(consent.status, 200) << consent.body;
  EXPECT_THAT(consent.body, HasSubstr("Also requested: email, picture"));
  auto done = decide(b, consent, "allow");
  auto row = store_->codes().find(crypto::sha256_hex(code_from(done)));
  ASSERT_TRUE(row);
  EXPECT_EQ(row->claims, claims);
}

TEST_F(Userinfo, ConsentPageWithoutClaimsParameterListsNoExtraClaims) {
  Browser b(port());
  auto consent = login(b, b.get(authorize_target()));
  EXPECT_THAT(consent.body, Not(HasSubstr("Also requested")));
}

TEST_F(Userinfo, OfflineAccessDroppedUnlessPromptConsent) {
  update_client("app", [](auto& c) { c.scope += " offline_access"; });
  {
    Browser b(port());
    auto row = store_->codes().find(
        crypto::sha256_hex(code_from(full_flow(b, authorize_target({{"scope", "openid offline_access"}})))));
    ASSERT_TRUE(row);
    EXPECT_EQ(row->scope, "openid");
  }
  {
    Browser b(port());
    auto page = b.get(authorize_target({{"scope", "openid offline_access"}, {"prompt", "consent"}}));
    auto consent = login(b, page);
    ASSERT_EQ(consent.status, 200) << consent.body;
    EXPECT_THAT(consent.body, HasSubstr("offline_access"));
    EXPECT_THAT(consent.body, HasSubstr("Stay signed in to this app while you are away"));
    auto row = store_->codes().find(crypto::sha256_hex(code_from(decide(b, consent, "allow"))));
    ASSERT_TRUE(row);
    EXPECT_EQ(row->scope, "openid offline_access");
  }
}

TEST_F(Userinfo, EndingTheSessionEndsItsAccessTokensButNotOfflineOnes) {
  update_client("app", [](auto& c) { c.scope += " offline_access"; });
  Browser b(port());
  const auto online = text(exchange_code(code_from(full_flow(b))), "access_token");
  // Same browser session, offline_access granted (prompt=consent shows the consent page again).
  auto consent = b.get(authorize_target({{"scope", "openid offline_access"}, {"prompt", "consent"}}));
  ASSERT_EQ(consent.status, 200) << consent.body;
  const auto offline = text(exchange_code(code_from(decide(b, consent, "allow"))), "access_token");
  ASSERT_EQ(get_userinfo(online).status, 200);
  ASSERT_EQ(get_userinfo(offline).status, 200);

  ASSERT_EQ(b.post("/auth/logout", {}, {{"Sec-Fetch-Site", "same-origin"}}).status, 204);
  expect_invalid_token(get_userinfo(online));
  EXPECT_EQ(get_userinfo(offline).status, 200);  // OIDC Core §11: offline access outlives the session
}

TEST_F(Userinfo, SessionClientRecordedWhenACodeIsIssued) {
  Browser b(port());
  const auto session_hash = [&] {
    auto done = full_flow(b);
    auto row = store_->codes().find(crypto::sha256_hex(code_from(done)));
    EXPECT_TRUE(row);
    return row ? row->session_id : std::string();
  }();
  ASSERT_FALSE(session_hash.empty());
  EXPECT_EQ(store_->sessions().clients(session_hash), std::vector<std::string>{"app"});
  // A second client through the same session (no consent needed for "trusted").
  auto again = b.get(authorize_target({}, "trusted"));
  ASSERT_EQ(again.status, 302) << again.body;
  EXPECT_EQ(store_->sessions().clients(session_hash), (std::vector<std::string>{"app", "trusted"}));
}

}  // namespace
}  // namespace authly::test::browser
