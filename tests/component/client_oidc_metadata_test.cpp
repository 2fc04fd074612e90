// OpenID Connect client metadata through the registry (OIDC Registration §2, Back-Channel Logout
// §2.2, RP-Initiated Logout §3.1): what /oauth/clients and ClientService accept, refuse, store and
// echo. The pure rules are unit-tested in tests/unit/client_metadata_test.cpp.
#include <boost/json/parse.hpp>

#include "browser_harness.hpp"

namespace authly::test::browser {
namespace {

class OidcRegistration : public BrowserFlow {
 protected:
  void configure(config::Config& c) override { c.oauth.dynamic_registration = true; }

  HttpResponse register_client(const std::string& body) {
    return request(port(), "POST", "/oauth/clients", {{"Content-Type", "application/json"}}, body);
  }
  static boost::json::object json_of(const HttpResponse& r) { return boost::json::parse(r.body).as_object(); }
  static std::string error_description(const HttpResponse& r) {
    auto o = json_of(r);
    return o.contains("error_description") ? std::string(o.at("error_description").as_string()) : "";
  }
};

TEST_F(OidcRegistration, OidcMembersAreStoredAndEchoed) {
  auto r = register_client(R"({"redirect_uris":["https://rp.example/cb"],
      "post_logout_redirect_uris":["https://rp.example/bye"],
      "backchannel_logout_uri":"https://rp.example/backchannel","backchannel_logout_session_required":true,
      "id_token_signed_response_alg":"ES256","subject_type":"pairwise"})");
  ASSERT_EQ(r.status, 201) << r.body;
  const auto info = json_of(r);
  EXPECT_EQ(info.at("post_logout_redirect_uris").as_array().at(0).as_string(), "https://rp.example/bye");
  EXPECT_EQ(info.at("backchannel_logout_uri").as_string(), "https://rp.example/backchannel");
  EXPECT_TRUE(info.at("backchannel_logout_session_required").as_bool());
  EXPECT_EQ(info.at("id_token_signed_response_alg").as_string(), "ES256");
  EXPECT_EQ(info.at("subject_type").as_string(), "pairwise");
  const auto row = store_->clients().find(std::string(info.at("client_id").as_string())).value();
  EXPECT_EQ(row.id_token_signed_response_alg, "ES256");
  EXPECT_EQ(row.subject_type, "pairwise");
  EXPECT_EQ(row.backchannel_logout_uri, "https://rp.example/backchannel");
  EXPECT_EQ(row.post_logout_redirect_uris, std::vector<std::string>{"https://rp.example/bye"});
}

TEST_F(OidcRegistration, DefaultsAreRs256AndPublicSubjects) {
  auto r = register_client(R"({"redirect_uris":["https://rp.example/cb"]})");
  ASSERT_EQ(r.status, 201) << r.body;
  const auto info = json_of(r);
  EXPECT_EQ(info.at("id_token_signed_response_alg").as_string(), "RS256");
  EXPECT_EQ(info.at("subject_type").as_string(), "public");
  EXPECT_TRUE(info.at("backchannel_logout_session_required").as_bool());  // sid is always sent
  EXPECT_FALSE(info.contains("sector_identifier_uri"));
}

TEST_F(OidcRegistration, UnsignedOrSymmetricIdTokensAreRefused) {
  for (const char* alg : {"none", "HS256", "RS512"}) {
    auto r = register_client(
        std::string(R"({"redirect_uris":["https://rp.example/cb"],"id_token_signed_response_alg":")") + alg + "\"}");
    EXPECT_EQ(r.status, 400) << alg;
    EXPECT_EQ(json_of(r).at("error").as_string(), "invalid_client_metadata") << alg;
    EXPECT_THAT(error_description(r), HasSubstr("id_token_signed_response_alg")) << alg;
  }
}

TEST_F(OidcRegistration, UserinfoSignedResponseAlgIsStoredAndEchoed) {
  auto r = register_client(R"({"redirect_uris":["https://rp.example/cb"],"userinfo_signed_response_alg":"EdDSA"})");
  ASSERT_EQ(r.status, 201) << r.body;
  const auto info = json_of(r);
  EXPECT_EQ(info.at("userinfo_signed_response_alg").as_string(), "EdDSA");
  EXPECT_EQ(info.at("id_token_signed_response_alg").as_string(), "RS256");  // independent of it
  const std::string id(info.at("client_id").as_string());
  const auto row = store_->clients().find(id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->userinfo_signed_response_alg, "EdDSA");
  // What the RFC 7592 read and `authly client show --json` print for the stored row.
  EXPECT_THAT(services::client_to_json(*row, std::nullopt), HasSubstr(R"("userinfo_signed_response_alg":"EdDSA")"));
}

TEST_F(OidcRegistration, UserinfoSignedResponseAlgAbsentMeansPlainJson) {
  auto r = register_client(R"({"redirect_uris":["https://rp.example/cb"]})");
  ASSERT_EQ(r.status, 201) << r.body;
  const auto info = json_of(r);
  EXPECT_FALSE(info.contains("userinfo_signed_response_alg"));
  EXPECT_EQ(store_->clients().find(std::string(info.at("client_id").as_string()))->userinfo_signed_response_alg, "");
}

TEST_F(OidcRegistration, UnsignedOrSymmetricUserinfoResponsesAreRefused) {
  for (const char* alg : {"none", "HS256", "RS512"}) {
    auto r = register_client(
        std::string(R"({"redirect_uris":["https://rp.example/cb"],"userinfo_signed_response_alg":")") + alg + "\"}");
    EXPECT_EQ(r.status, 400) << alg;
    EXPECT_EQ(json_of(r).at("error").as_string(), "invalid_client_metadata") << alg;
    EXPECT_THAT(error_description(r), HasSubstr("userinfo_signed_response_alg")) << alg;
  }
  EXPECT_EQ(register_client(R"({"redirect_uris":["https://rp.example/cb"],"userinfo_signed_response_alg":256})").status,
            400);
}

TEST_F(OidcRegistration, PairwiseAcrossHostsNeedsASectorIdentifier) {
  auto r =
      register_client(R"({"redirect_uris":["https://a.example/cb","https://b.example/cb"],"subject_type":"pairwise"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_THAT(error_description(r), HasSubstr("sector_identifier_uri"));
  EXPECT_EQ(register_client(R"({"redirect_uris":["https://a.example/cb"],"subject_type":"weird"})").status, 400);
}

TEST_F(OidcRegistration, SelfRegistrationCannotChooseASectorIdentifier) {
  // Authly does not fetch sector_identifier_uri (OIDC Registration §5), so only an administrator
  // (CLI, admin token) may set one.
  auto r = register_client(R"({"redirect_uris":["https://a.example/cb","https://b.example/cb"],
      "subject_type":"pairwise","sector_identifier_uri":"https://a.example/sector.json"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json_of(r).at("error").as_string(), "invalid_client_metadata");
}

TEST_F(OidcRegistration, AdministratorsMaySetASectorIdentifier) {
  services::ClientService clients(*store_, rng_, clock_);
  services::NewClient c;
  c.name = "Pairwise";
  c.redirect_uris = {"https://a.example/cb", "https://b.example/cb"};
  c.subject_type = "pairwise";
  auto refused = clients.create(c, "test");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "subject_type");
  c.sector_identifier_uri = "http://a.example/sector.json";
  ASSERT_FALSE(clients.create(c, "test").ok());  // https only
  c.sector_identifier_uri = "https://a.example/sector.json";
  auto created = clients.create(c, "test");
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(store_->clients().find(created->client.id)->sector_identifier_uri, "https://a.example/sector.json");
  EXPECT_THAT(services::client_to_json(created->client, std::nullopt), HasSubstr("\"sector_identifier_uri\""));
}

TEST_F(OidcRegistration, PostLogoutRedirectUrisFollowTheRedirectUriRules) {
  for (const char* uri : {"https://rp.example/bye#frag", "http://rp.example/bye", "/bye", "javascript:alert(1)"}) {
    auto r = register_client(
        std::string(R"({"redirect_uris":["https://rp.example/cb"],"post_logout_redirect_uris":[")") + uri + "\"]}");
    EXPECT_EQ(r.status, 400) << uri;
    EXPECT_THAT(error_description(r), HasSubstr("post_logout_redirect_uris")) << uri;
  }
  EXPECT_EQ(register_client(R"({"redirect_uris":["https://rp.example/cb"],
      "post_logout_redirect_uris":["http://127.0.0.1:8080/bye","https://rp.example/bye?x=1"]})")
                .status,
            201);
}

TEST_F(OidcRegistration, BackchannelLogoutUriIsHttpsOrLoopback) {
  for (const char* uri : {"http://rp.example/backchannel", "https://rp.example/backchannel#f", "backchannel"}) {
    auto r = register_client(std::string(R"({"redirect_uris":["https://rp.example/cb"],"backchannel_logout_uri":")") +
                             uri + "\"}");
    EXPECT_EQ(r.status, 400) << uri;
    EXPECT_THAT(error_description(r), HasSubstr("backchannel_logout_uri")) << uri;
  }
  EXPECT_EQ(
      register_client(R"({"redirect_uris":["https://rp.example/cb"],"backchannel_logout_uri":"https://rp.example/bc"})")
          .status,
      201);
  EXPECT_EQ(
      register_client(R"({"redirect_uris":["https://rp.example/cb"],"backchannel_logout_session_required":1})").status,
      400);
}

TEST_F(OidcRegistration, LoopbackHttpBackchannelIsForAdministratorsOnly) {
  // An anonymous registrant must not aim the server's logout POSTs at services on its own host.
  auto r = register_client(
      R"({"redirect_uris":["https://rp.example/cb"],"backchannel_logout_uri":"http://127.0.0.1:6379/"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_THAT(error_description(r), HasSubstr("backchannel_logout_uri"));
  // An administrator may register one for local development.
  services::ClientService clients(*store_, rng_, clock_);
  services::NewClient c;
  c.name = "Local RP";
  c.redirect_uris = {"https://rp.example/cb"};
  c.backchannel_logout_uri = "http://127.0.0.1:9000/bc";
  c.registered_by_admin = true;
  auto created = clients.create(c, "test");
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(store_->clients().find(created->client.id)->backchannel_logout_uri, "http://127.0.0.1:9000/bc");
}

}  // namespace
}  // namespace authly::test::browser
