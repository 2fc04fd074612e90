// ID tokens from the token endpoint (OIDC Core §3.1.3.3, §3.1.3.6, §12.2) over HTTP with codes from
// the real browser flow and the database-backed signing keys; refresh tokens bound to the browser
// session unless offline_access was granted (§11).
#include "oidc/id_token.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "browser_harness.hpp"
#include "jose/jws.hpp"
#include "oidc/subject.hpp"

namespace authly::test::browser {
namespace {

using std::chrono::seconds;
using Params = std::vector<std::pair<std::string, std::string>>;

std::string text(const boost::json::object& o, std::string_view name) {
  const auto* v = o.if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

struct IdToken {
  boost::json::object header;
  boost::json::object claims;
};

class IdTokens : public BrowserFlow {
 protected:
  // The keys a relying party would fetch: GET /oidc/jwks.
  jose::JwkSet published_keys() {
    auto r = get(port(), "/oidc/jwks");
    EXPECT_EQ(r.status, 200) << r.body;
    auto set = jose::JwkSet::parse(r.body);
    EXPECT_TRUE(set.ok());
    return set.ok() ? *set : jose::JwkSet{};
  }
  // Verifies the ID token against the published keys and decodes it; fails the test otherwise.
  IdToken verified(const std::string& id_token) {
    auto v = jose::verify(id_token, published_keys(), jose::AlgorithmSet::asymmetric());
    EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().message);
    if (!v.ok()) return {};
    return {v->header, boost::json::parse(v->payload).as_object()};
  }
  // Authorize with `target` in browser `b`, logging in when asked and consenting when asked; the code.
  std::string authorize(Browser& b, const std::string& target) {
    auto page = b.get(target);
    if (page.status == 302 || page.status == 303) return code_from(page);
    EXPECT_EQ(page.status, 200) << page.body;
    auto next = page.body.find("name=\"username\"") != std::string::npos ? login(b, page) : page;
    if (next.status == 200) next = decide(b, next, "allow");
    EXPECT_EQ(next.status, 303) << next.body;
    return code_from(next);
  }
  // A fresh browser through login (+ consent) and the code exchange: the token response.
  boost::json::object tokens_for(const std::string& target, const std::string& client_id = "app") {
    Browser b(port());
    return exchange_code(authorize(b, target), client_id);
  }
  std::string session_hash(Browser& b) { return crypto::sha256_hex(b.cookies["authly_session"]); }
  // An authorization request without a nonce (authorize_target always adds one).
  static std::string target_without_nonce(const std::string& client_id = "app") {
    return "/oauth/authorize?" + http::encode_form({{"response_type", "code"},
                                                    {"client_id", client_id},
                                                    {"redirect_uri", "https://app.example/cb"},
                                                    {"code_challenge", kChallenge},
                                                    {"code_challenge_method", "S256"},
                                                    {"scope", "openid profile"},
                                                    {"state", "st-1"}});
  }
  void allow_offline_access(const std::string& client_id) {
    auto row = store_->clients().find(client_id);
    ASSERT_TRUE(row);
    row->scope += " offline_access";
    ASSERT_TRUE(store_->clients().update(*row));
  }
};

// §3.1.3.3: an ID token is returned when the authorization request asked for openid, only then.
TEST_F(IdTokens, IdTokenOnlyWithOpenidScope) {
  auto with = tokens_for(authorize_target());
  ASSERT_TRUE(with.contains("access_token")) << boost::json::serialize(with);
  EXPECT_FALSE(text(with, "id_token").empty());

  auto without = tokens_for(authorize_target({{"scope", "profile email"}}));
  ASSERT_TRUE(without.contains("access_token")) << boost::json::serialize(without);
  EXPECT_EQ(text(without, "scope"), "profile email");
  EXPECT_FALSE(without.contains("id_token"));
}

// §3.1.3.7 items 6-7: signed with a key the RP finds in the JWKS; RS256 when the client registered nothing else.
TEST_F(IdTokens, SignedRs256ByDefaultWithAPublishedKey) {
  auto t = tokens_for(authorize_target());
  const auto id = verified(text(t, "id_token"));
  EXPECT_EQ(text(id.header, "alg"), "RS256");
  EXPECT_EQ(text(id.header, "typ"), "JWT");
  EXPECT_NE(published_keys().find_kid(text(id.header, "kid")), nullptr);
}

TEST_F(IdTokens, SignedWithTheClientsRegisteredAlg) {
  for (std::string alg : {"ES256", "PS256", "EdDSA"}) {
    const std::string id = "client-" + alg;
    add_oidc_client(id, {.id_token_signed_response_alg = alg});
    auto t = tokens_for(authorize_target({}, id), id);
    ASSERT_TRUE(t.contains("id_token")) << alg << ": " << boost::json::serialize(t);
    const auto token = verified(text(t, "id_token"));
    EXPECT_EQ(text(token.header, "alg"), alg);
    EXPECT_EQ(text(token.claims, "aud"), id);
    // §3.1.3.6 with the hash of that alg (SHA-512 for EdDSA).
    EXPECT_EQ(text(token.claims, "at_hash"), oidc::at_hash(text(t, "access_token"), *jose::algorithm_from_string(alg)));
  }
}

// §2: iss, sub, aud, azp, exp, iat.
TEST_F(IdTokens, CarriesTheRequiredClaims) {
  auto t = tokens_for(authorize_target());
  const auto c = verified(text(t, "id_token")).claims;
  EXPECT_EQ(text(c, "iss"), "https://id.example.test");
  EXPECT_EQ(text(c, "sub"), alice_id_);
  EXPECT_EQ(text(c, "aud"), "app");
  EXPECT_EQ(text(c, "azp"), "app");
  EXPECT_EQ(c.at("iat").as_int64(), core::to_unix(clock_.now()));
  EXPECT_EQ(c.at("exp").as_int64(), core::to_unix(clock_.now()) + config_.oidc.id_token_ttl_s);
  EXPECT_EQ(c.at("amr").as_array(), boost::json::array{"pwd"});
}

// §3.1.2.1 / §3.1.3.7 item 11: the nonce of the authorization request comes back unchanged.
TEST_F(IdTokens, NonceRoundTripsAndIsAbsentWhenNotSent) {
  auto with = tokens_for(authorize_target({{"nonce", "n-0S6_WzA2Mj"}}));
  EXPECT_EQ(text(verified(text(with, "id_token")).claims, "nonce"), "n-0S6_WzA2Mj");
  auto without = tokens_for(target_without_nonce());
  ASSERT_TRUE(without.contains("id_token")) << boost::json::serialize(without);
  EXPECT_FALSE(verified(text(without, "id_token")).claims.contains("nonce"));
}

// auth_time is when the user logged in, not when the code was issued or exchanged.
TEST_F(IdTokens, AuthTimeIsTheLoginTime) {
  const auto login_time = clock_.now();
  Browser b(port());
  ASSERT_EQ(full_flow(b).status, 303);
  clock_.advance(seconds(600));
  // A second authorization rides the session: no new login, a new code.
  const auto code = authorize(b, authorize_target());
  clock_.advance(seconds(20));
  auto t = exchange_code(code);
  const auto c = verified(text(t, "id_token")).claims;
  EXPECT_EQ(c.at("auth_time").as_int64(), core::to_unix(login_time));
  EXPECT_EQ(c.at("iat").as_int64(), core::to_unix(login_time) + 620);
}

// Front/back-channel logout's session id: the ID token's sid is the browser session's public sid.
TEST_F(IdTokens, SidIsTheBrowserSessionsSid) {
  Browser b(port());
  auto t = exchange_code(code_from(full_flow(b)));
  auto session = store_->sessions().find(session_hash(b));
  ASSERT_TRUE(session);
  ASSERT_FALSE(session->sid.empty());
  const auto claims = verified(text(t, "id_token")).claims;
  EXPECT_EQ(text(claims, "sid"), session->sid);
  EXPECT_EQ(text(claims, "acr"), session->acr);  // absent when the session records none
}

// §3.1.3.6: at_hash binds the access token issued alongside.
TEST_F(IdTokens, AtHashMatchesTheAccessToken) {
  auto t = tokens_for(authorize_target());
  const auto c = verified(text(t, "id_token")).claims;
  EXPECT_EQ(text(c, "at_hash"), oidc::at_hash(text(t, "access_token"), jose::Algorithm::RS256));
  EXPECT_NE(text(c, "at_hash"), oidc::at_hash("another access token", jose::Algorithm::RS256));
}

// §12.2: a refresh returns a new ID token with the original auth_time (and sid, sub), a new
// iat/at_hash, and no nonce.
TEST_F(IdTokens, RefreshReturnsANewIdTokenWithTheSameAuthTimeAndNoNonce) {
  const auto login_time = clock_.now();
  Browser b(port());
  auto first = exchange_code(code_from(full_flow(b)));
  ASSERT_FALSE(text(first, "refresh_token").empty()) << boost::json::serialize(first);
  const auto original = verified(text(first, "id_token")).claims;
  ASSERT_EQ(text(original, "nonce"), "n-7");

  clock_.advance(seconds(900));
  auto second = refresh_with(text(first, "refresh_token"));
  ASSERT_TRUE(second.contains("id_token")) << boost::json::serialize(second);
  const auto again = verified(text(second, "id_token")).claims;
  EXPECT_EQ(again.at("auth_time").as_int64(), core::to_unix(login_time));
  EXPECT_EQ(again.at("iat").as_int64(), core::to_unix(login_time) + 900);
  EXPECT_FALSE(again.contains("nonce"));
  EXPECT_EQ(text(again, "sub"), text(original, "sub"));
  EXPECT_EQ(text(again, "sid"), text(original, "sid"));
  EXPECT_EQ(again.at("amr"), original.at("amr"));
  EXPECT_EQ(text(again, "at_hash"), oidc::at_hash(text(second, "access_token"), jose::Algorithm::RS256));

  // The rotated token keeps all of it.
  auto third = refresh_with(text(second, "refresh_token"));
  EXPECT_EQ(verified(text(third, "id_token")).claims.at("auth_time").as_int64(), core::to_unix(login_time));
}

// RFC 6749 §6: a refresh narrowed to a scope without openid gets no ID token.
TEST_F(IdTokens, RefreshNarrowedWithoutOpenidGetsNoIdToken) {
  auto first = tokens_for(authorize_target());
  auto narrowed = refresh_with(text(first, "refresh_token"), "app", "profile");
  ASSERT_TRUE(narrowed.contains("access_token")) << boost::json::serialize(narrowed);
  EXPECT_EQ(text(narrowed, "scope"), "profile");
  EXPECT_FALSE(narrowed.contains("id_token"));
}

// §8: a pairwise client sees a sector-specific sub; a public one the user id.
TEST_F(IdTokens, PairwiseClientSeesADifferentSub) {
  add_oidc_client("pairwise-app", {.subject_type = "pairwise"});
  auto pairwise = tokens_for(authorize_target({}, "pairwise-app"), "pairwise-app");
  auto pub = tokens_for(authorize_target({}, "trusted"), "trusted");
  const auto pairwise_sub = text(verified(text(pairwise, "id_token")).claims, "sub");
  const auto public_sub = text(verified(text(pub, "id_token")).claims, "sub");
  EXPECT_EQ(public_sub, alice_id_);
  EXPECT_NE(pairwise_sub, alice_id_);
  EXPECT_EQ(pairwise_sub, oidc::subject_for(*store_->clients().find("pairwise-app"), alice_id_, pairwise_key()));
}

// §5.4: scope claims go to userinfo; §5.5: the claims parameter's id_token member puts them in the ID token.
TEST_F(IdTokens, ClaimsParameterIdTokenMemberPutsClaimsInTheIdToken) {
  auto plain = tokens_for(authorize_target({{"scope", "openid email"}}));
  EXPECT_FALSE(verified(text(plain, "id_token")).claims.contains("email"));

  auto requested = tokens_for(authorize_target(
      {{"scope", "openid"}, {"claims", R"({"id_token":{"email":{"essential":true},"given_name":null}})"}}));
  const auto c = verified(text(requested, "id_token")).claims;
  EXPECT_EQ(text(c, "email"), "alice@example.com");
  EXPECT_EQ(text(c, "given_name"), "Alice");
  EXPECT_FALSE(c.contains("family_name"));
}

TEST_F(IdTokens, RefreshedIdTokenKeepsTheRequestedClaims) {
  auto first = tokens_for(authorize_target({{"claims", R"({"id_token":{"email":null}})"}}));
  auto second = refresh_with(text(first, "refresh_token"));
  EXPECT_EQ(text(verified(text(second, "id_token")).claims, "email"), "alice@example.com");
}

// §11: without offline_access the refresh token ends with the browser session.
TEST_F(IdTokens, LogoutEndsARefreshTokenWithoutOfflineAccess) {
  Browser b(port());
  auto t = exchange_code(code_from(full_flow(b)));
  const auto row = store_->tokens().find_refresh(crypto::sha256_hex(text(t, "refresh_token")));
  ASSERT_TRUE(row);
  EXPECT_FALSE(row->offline);
  EXPECT_EQ(row->session_id, session_hash(b));

  ASSERT_EQ(b.post("/auth/logout", {}, {{"Sec-Fetch-Site", "same-origin"}}).status, 204);
  auto after = refresh_with(text(t, "refresh_token"));
  EXPECT_EQ(text(after, "error"), "invalid_grant") << boost::json::serialize(after);
}

// The grant itself checks the session (not only logout's revocation): an ended or expired session
// refuses the token and revokes its family.
TEST_F(IdTokens, RefreshFailsAndRevokesWhenTheSessionIsOver) {
  Browser b(port());
  auto t = exchange_code(code_from(full_flow(b)));
  ASSERT_TRUE(store_->sessions().end(session_hash(b), clock_.now()));  // ended without revoking anything
  auto after = refresh_with(text(t, "refresh_token"));
  EXPECT_EQ(text(after, "error"), "invalid_grant");
  EXPECT_TRUE(store_->tokens().find_refresh(crypto::sha256_hex(text(t, "refresh_token")))->revoked_at);

  Browser b2(port());
  auto t2 = exchange_code(authorize(b2, authorize_target()));  // consent is remembered: no consent page
  ASSERT_FALSE(text(t2, "refresh_token").empty()) << boost::json::serialize(t2);
  clock_.advance(seconds(config_.session.absolute_ttl_s + 1));  // the session expires; the token would not
  ASSERT_LT(config_.session.absolute_ttl_s, config_.oauth.refresh_token_idle_ttl_s);
  EXPECT_EQ(text(refresh_with(text(t2, "refresh_token")), "error"), "invalid_grant");
}

// The session's idle lifetime bounds its refresh tokens too, and refreshing counts as activity.
TEST_F(IdTokens, RefreshKeepsTheSessionAliveButNotPastItsIdleLifetime) {
  Browser b(port());
  auto t = exchange_code(code_from(full_flow(b)));
  const auto idle = seconds(config_.session.idle_ttl_s);
  clock_.advance(idle - seconds(60));
  auto first = refresh_with(text(t, "refresh_token"));  // within the idle lifetime: works, and touches
  ASSERT_TRUE(first.contains("access_token")) << boost::json::serialize(first);
  clock_.advance(idle - seconds(60));  // idle since the refresh, not since the login
  auto second = refresh_with(text(first, "refresh_token"));
  ASSERT_TRUE(second.contains("access_token")) << boost::json::serialize(second);
  clock_.advance(idle + seconds(1));  // nothing used the session for longer than its idle lifetime
  EXPECT_EQ(text(refresh_with(text(second, "refresh_token")), "error"), "invalid_grant");
}

// A refresh is a use of its session, written down like any other at most once per touch_interval
// (oauth/session_lifetime.hpp; 60 s for the default 8 h idle lifetime), not once per refresh.
TEST_F(IdTokens, RefreshRecordsTheSessionsUseAtMostOncePerTouchInterval) {
  Browser b(port());
  auto t = exchange_code(code_from(full_flow(b)));
  const auto recorded = [&] { return store_->sessions().find(session_hash(b))->last_seen_at; };
  const auto signed_in = recorded();
  clock_.advance(seconds(10));
  auto first = refresh_with(text(t, "refresh_token"));
  ASSERT_TRUE(first.contains("access_token")) << boost::json::serialize(first);
  EXPECT_EQ(recorded(), signed_in);
  clock_.advance(seconds(60));
  auto second = refresh_with(text(first, "refresh_token"));
  ASSERT_TRUE(second.contains("access_token")) << boost::json::serialize(second);
  EXPECT_EQ(recorded(), clock_.now());
}

// §11: with offline_access granted, the refresh token outlives the browser session.
// (offline_access survives the authorization request only with prompt=consent and a client
// registered for it: oauth/authorize/check_offline_access.cpp.)
TEST_F(IdTokens, OfflineAccessRefreshTokenSurvivesLogout) {
  allow_offline_access("app");
  Browser b(port());
  const auto code = authorize(b, authorize_target({{"scope", "openid offline_access"}, {"prompt", "consent"}}));
  auto t = exchange_code(code);
  ASSERT_EQ(text(t, "scope"), "openid offline_access") << boost::json::serialize(t);
  const auto row = store_->tokens().find_refresh(crypto::sha256_hex(text(t, "refresh_token")));
  ASSERT_TRUE(row);
  EXPECT_TRUE(row->offline);
  EXPECT_EQ(row->session_id, "");

  ASSERT_EQ(b.post("/auth/logout", {}, {{"Sec-Fetch-Site", "same-origin"}}).status, 204);
  clock_.advance(seconds(600));
  auto after = refresh_with(text(t, "refresh_token"));
  ASSERT_TRUE(after.contains("access_token")) << boost::json::serialize(after);
  EXPECT_TRUE(after.contains("id_token"));
}

// client_credentials has no end-user: never an ID token, even for openid.
TEST_F(IdTokens, ClientCredentialsNeverGetsAnIdToken) {
  services::ClientService clients(*store_, rng_, clock_);
  services::NewClient c;
  c.client_id = "backend";
  c.name = "Backend";
  c.type = "confidential";
  c.grant_types = {"client_credentials"};
  c.scope = "openid profile";
  c.auth_method = "client_secret_post";
  auto created = clients.create(c, "test");
  ASSERT_TRUE(created.ok()) << created.error().message;
  auto r = json_body(post_token({{"grant_type", "client_credentials"},
                                 {"client_id", "backend"},
                                 {"client_secret", created->secret.value_or("")},
                                 {"scope", "openid"}}));
  ASSERT_TRUE(r.contains("access_token")) << boost::json::serialize(r);
  EXPECT_FALSE(r.contains("id_token"));
}

class PasswordIdTokens : public IdTokens {
 protected:
  void configure(config::Config& c) override { c.oauth.password_grant = true; }
};

// The password grant authenticates the user on the spot: auth_time now, amr pwd, no session, no nonce.
TEST_F(PasswordIdTokens, PasswordGrantIssuesAnIdTokenWithoutASession) {
  services::ClientService clients(*store_, rng_, clock_);
  services::NewClient c;
  c.client_id = "legacy";
  c.name = "Legacy";
  c.type = "confidential";
  c.grant_types = {"password", "refresh_token"};
  c.scope = "openid profile";
  c.auth_method = "client_secret_post";
  auto created = clients.create(c, "test");
  ASSERT_TRUE(created.ok()) << created.error().message;
  const Params creds{{"client_id", "legacy"}, {"client_secret", created->secret.value_or("")}};
  auto with_creds = [&](Params f) {
    f.insert(f.end(), creds.begin(), creds.end());
    return json_body(post_token(std::move(f)));
  };
  auto r =
      with_creds({{"grant_type", "password"}, {"username", "alice"}, {"password", kPassword}, {"scope", "openid"}});
  ASSERT_TRUE(r.contains("id_token")) << boost::json::serialize(r);
  const auto claims = verified(text(r, "id_token")).claims;
  EXPECT_EQ(text(claims, "sub"), alice_id_);
  EXPECT_EQ(text(claims, "aud"), "legacy");
  EXPECT_EQ(claims.at("auth_time").as_int64(), core::to_unix(clock_.now()));
  EXPECT_EQ(claims.at("amr").as_array(), boost::json::array{"pwd"});
  EXPECT_FALSE(claims.contains("sid"));
  EXPECT_FALSE(claims.contains("nonce"));

  // No session to end it: its refresh token keeps working and repeats the auth_time.
  const auto issued_at = clock_.now();
  clock_.advance(seconds(600));
  auto refreshed = with_creds({{"grant_type", "refresh_token"}, {"refresh_token", text(r, "refresh_token")}});
  ASSERT_TRUE(refreshed.contains("id_token")) << boost::json::serialize(refreshed);
  EXPECT_EQ(verified(text(refreshed, "id_token")).claims.at("auth_time").as_int64(), core::to_unix(issued_at));

  auto no_openid =
      with_creds({{"grant_type", "password"}, {"username", "alice"}, {"password", kPassword}, {"scope", "profile"}});
  ASSERT_TRUE(no_openid.contains("access_token")) << boost::json::serialize(no_openid);
  EXPECT_FALSE(no_openid.contains("id_token"));
}

}  // namespace
}  // namespace authly::test::browser
