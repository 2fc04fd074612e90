// Registration-time outbound rules (oauth/outbound_url.hpp, oauth/client_jwks.hpp) through
// /oauth/clients: a self-registered client may not aim Authly's back-channel POSTs or jwks_uri
// fetches at loopback, private or link-local addresses, however the URL is spelled, nor register
// private key material; an administrator's client may reach loopback.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "browser_harness.hpp"
#include "jose/signing_key.hpp"

namespace authly::test::browser {
namespace {

class OutboundRegistration : public BrowserFlow {
 protected:
  void configure(config::Config& c) override { c.oauth.dynamic_registration = true; }

  HttpResponse register_client(const std::string& body) {
    return request(port(), "POST", "/oauth/clients", {{"Content-Type", "application/json"}}, body);
  }
  static boost::json::object json_of(const HttpResponse& r) { return boost::json::parse(r.body).as_object(); }
  static std::string member(const std::string& name, const std::string& value) {
    return R"({"redirect_uris":["https://rp.example/cb"],")" + name + R"(":")" + value + "\"}";
  }
};

TEST_F(OutboundRegistration, SelfRegisteredBackchannelUriCannotReachInternalAddresses) {
  for (const char* uri :
       {"HTTP://127.0.0.1:6379/internal-admin?action=purge", "Http://localhost/internal",
        "https://169.254.169.254/latest", "https://[::ffff:127.0.0.1]/bc", "https://[::1]/bc", "https://10.1.2.3/bc",
        "https://192.168.0.10/bc", "https://100.64.0.1/bc", "https://[fd00::1]/bc", "https://0.0.0.0/bc",
        "HTTPS://LOCALHOST/bc", "https://127.1/bc", "https://2130706433/bc"}) {
    auto r = register_client(member("backchannel_logout_uri", uri));
    EXPECT_EQ(r.status, 400) << uri << " " << r.body;
    if (r.status == 400) {
      EXPECT_EQ(json_of(r).at("error").as_string(), "invalid_client_metadata") << uri;
    }
  }
  EXPECT_EQ(register_client(member("backchannel_logout_uri", "HTTPS://RP.Example/bc")).status, 201);
}

TEST_F(OutboundRegistration, SelfRegisteredJwksUriCannotReachInternalAddresses) {
  for (const char* uri : {"https://169.254.169.254/latest/meta-data", "https://127.0.0.1/jwks", "HTTPS://[::1]/jwks",
                          "https://10.0.0.1/jwks", "http://127.0.0.1/jwks"}) {
    auto r = register_client(R"({"redirect_uris":["https://rp.example/cb"],"token_endpoint_auth_method":)"
                             R"("private_key_jwt","jwks_uri":")" +
                             std::string(uri) + "\"}");
    EXPECT_EQ(r.status, 400) << uri << " " << r.body;
  }
}

TEST_F(OutboundRegistration, AdministratorsClientMayUseLoopbackAndIsRecordedAsSuch) {
  services::ClientService clients(*store_, rng_, clock_);
  services::NewClient c;
  c.name = "Local RP";
  c.redirect_uris = {"https://rp.example/cb"};
  c.backchannel_logout_uri = "HTTP://127.0.0.1:9000/bc";
  c.registered_by_admin = true;
  auto created = clients.create(c, "admin");
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_TRUE(store_->clients().find(created->client.id)->registered_by_admin);
  // The same client from the registration endpoint is a self-registered one.
  auto r = register_client(member("backchannel_logout_uri", "https://rp.example/bc"));
  ASSERT_EQ(r.status, 201);
  EXPECT_FALSE(store_->clients().find(std::string(json_of(r).at("client_id").as_string()))->registered_by_admin);
}

TEST_F(OutboundRegistration, PrivateKeyMaterialInJwksIsRefused) {
  auto key = jose::SigningKey::generate(jose::Algorithm::ES256).public_jwk().to_json();
  key["d"] = "3HNhOtH_Px9MLzT1XVIn2JcnwYJzxVR-UQuWvIdQ4sg";
  const std::string jwks = boost::json::serialize(boost::json::object{{"keys", boost::json::array{key}}});
  auto r = register_client(R"({"redirect_uris":["https://rp.example/cb"],"token_endpoint_auth_method":)"
                           R"("private_key_jwt","jwks":)" +
                           jwks + "}");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.body.find("3HNhOtH_"), std::string::npos);
  // Nor through the registry directly (the CLI's --jwks-file path).
  services::ClientService clients(*store_, rng_, clock_);
  services::NewClient c;
  c.name = "Keys";
  c.redirect_uris = {"https://rp.example/cb"};
  c.auth_method = "private_key_jwt";
  c.jwks = jwks;
  c.registered_by_admin = true;
  EXPECT_FALSE(clients.create(c, "admin").ok());
}

TEST_F(OutboundRegistration, MoreThanTwentyKeysAreRefused) {
  boost::json::array keys;
  for (int i = 0; i < 21; ++i)
    keys.push_back(jose::SigningKey::generate(jose::Algorithm::ES256).public_jwk().to_json());
  auto r = register_client(R"({"redirect_uris":["https://rp.example/cb"],"token_endpoint_auth_method":)"
                           R"("private_key_jwt","jwks":)" +
                           boost::json::serialize(boost::json::object{{"keys", keys}}) + "}");
  EXPECT_EQ(r.status, 400) << r.body;
}

}  // namespace
}  // namespace authly::test::browser
