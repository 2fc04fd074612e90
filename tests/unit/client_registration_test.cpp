// Client registration over HTTP (services/client_registration): who is registering (RFC 7591 §3),
// what a self-registered client may not ask for, who chooses the client_id (§3.2.1), the RFC 7592
// §2.2 checks of an update, and the §3.2.2 error codes.
#include "services/client_registration.hpp"

#include <gtest/gtest.h>

#include "support/memory_store.hpp"

namespace authly::services {
namespace {

using oauth::ErrorCode;

// An admin check that accepts the token "admin" and refuses every other with `refusal`.
AdminTokenCheck admin_accepting(ErrorCode refusal = ErrorCode::invalid_token) {
  return [refusal](std::string_view token) -> core::Result<std::string, oauth::OAuthError> {
    if (token == "admin") return std::string("root");
    return core::fail(oauth::make_error(refusal, "refused"));
  };
}

TEST(Registrant, AdministratorTokenAlwaysRegistersAsAdministrator) {
  for (const RegistrationPolicy policy :
       {RegistrationPolicy{false, ""}, RegistrationPolicy{true, ""}, RegistrationPolicy{true, "initial-token"}}) {
    const auto who = registrant(policy, std::string("admin"), admin_accepting());
    ASSERT_TRUE(who);
    EXPECT_TRUE(who->admin);
    EXPECT_EQ(who->actor, "root");
  }
}

TEST(Registrant, WithoutDynamicRegistrationAnonymousCallersAreRefused) {
  EXPECT_EQ(registrant({false, ""}, std::nullopt, admin_accepting()).error().code, ErrorCode::invalid_token);
  EXPECT_EQ(registrant({false, ""}, std::string("guess"), admin_accepting()).error().code, ErrorCode::invalid_token);
}

TEST(Registrant, OpenRegistrationAcceptsAnyoneAndAnyValidNonAdminToken) {
  const auto anyone = registrant({true, ""}, std::nullopt, admin_accepting());
  ASSERT_TRUE(anyone);
  EXPECT_FALSE(anyone->admin);
  EXPECT_EQ(anyone->actor, "dynamic_registration");
  EXPECT_FALSE(
      registrant({true, ""}, std::string("user-token"), admin_accepting(ErrorCode::insufficient_scope))->admin);
  // A bad token is refused even when anyone may register: it was presented, so it must be valid.
  EXPECT_EQ(registrant({true, ""}, std::string("forged"), admin_accepting()).error().code, ErrorCode::invalid_token);
}

TEST(Registrant, ConfiguredInitialAccessTokenIsRequired) {
  const RegistrationPolicy policy{true, "initial-token"};
  EXPECT_FALSE(registrant(policy, std::string("initial-token"), admin_accepting())->admin);
  EXPECT_EQ(registrant(policy, std::nullopt, admin_accepting()).error().code, ErrorCode::invalid_token);
  EXPECT_EQ(registrant(policy, std::string("initial-tokeX"), admin_accepting()).error().code, ErrorCode::invalid_token);
  EXPECT_EQ(registrant(policy, std::string("user-token"), admin_accepting(ErrorCode::insufficient_scope)).error().code,
            ErrorCode::insufficient_scope);
}

oauth::ClientMetadata metadata(std::string scope = "openid") {
  oauth::ClientMetadata m;
  m.client_name = "Shop";
  m.redirect_uris = {"https://shop.example/cb"};
  m.scope = std::move(scope);
  return m;
}

TEST(SelfRegistration, AdministratorPowersAreRefused) {
  EXPECT_FALSE(check_self_registration(metadata()));
  EXPECT_TRUE(check_self_registration(metadata("openid authly:admin:read")));
  auto no_consent = metadata();
  no_consent.require_consent = false;
  EXPECT_TRUE(check_self_registration(no_consent));
  auto password = metadata();
  password.grant_types = {"authorization_code", "password"};
  EXPECT_TRUE(check_self_registration(password));
  auto sector = metadata();
  sector.sector_identifier_uri = "https://shop.example/sector.json";
  EXPECT_TRUE(check_self_registration(sector));
}

class Registration : public ::testing::Test {
 protected:
  std::unique_ptr<store::Store> store_ = test::memory_store();
  core::SystemRandom rng_;
  core::FixedClock clock_{core::from_unix(1'700'000'000)};
  ClientService clients_{*store_, rng_, clock_};
};

TEST_F(Registration, ServerIssuesTheClientIdUnlessAnAdministratorChoseOne) {
  auto m = metadata();
  m.client_id = "chosen";
  const auto self = register_client(clients_, rng_, {false, "dynamic_registration"}, m);
  ASSERT_TRUE(self) << self.error().message;
  EXPECT_NE(self->client.id, "chosen");
  EXPECT_EQ(self->client.id.size(), 36u);  // a UUID
  EXPECT_FALSE(self->client.registered_by_admin);
  const auto admin = register_client(clients_, rng_, {true, "root"}, m);
  ASSERT_TRUE(admin) << admin.error().message;
  EXPECT_EQ(admin->client.id, "chosen");
  EXPECT_TRUE(admin->client.registered_by_admin);
}

TEST_F(Registration, SelfRegistrationLimitsApplyOnlyToNonAdministrators) {
  const auto m = metadata("openid authly:admin:write");
  EXPECT_FALSE(register_client(clients_, rng_, {false, "dynamic_registration"}, m));
  EXPECT_TRUE(register_client(clients_, rng_, {true, "root"}, m));
}

TEST_F(Registration, UpdateChecksTheClientIdAndTheCurrentSecret) {
  const auto issued = register_client(clients_, rng_, {true, "root"}, metadata());
  ASSERT_TRUE(issued && issued->secret);
  const auto id = issued->client.id;
  auto m = metadata();
  m.client_id = "someone-else";
  EXPECT_EQ(replace_client(clients_, id, m, "root").error().kind, ServiceError::Kind::invalid_input);
  m.client_id = id;
  m.client_secret = "not-the-secret";
  EXPECT_EQ(replace_client(clients_, id, m, "root").error().kind, ServiceError::Kind::invalid_input);
  m.client_secret = *issued->secret;
  m.client_name = "Shop 2";
  const auto updated = replace_client(clients_, id, m, "root");
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->client.name, "Shop 2");
  m.client_id.reset();
  EXPECT_EQ(replace_client(clients_, "no-such-client", m, "root").error().kind, ServiceError::Kind::not_found);
}

TEST(RegistrationError, RedirectUriFaultsHaveTheirOwnCode) {
  EXPECT_EQ(registration_error(invalid("redirect_uris", "must be https")).code, ErrorCode::invalid_redirect_uri);
  const auto e = registration_error(invalid("scope", "unknown scope", "the-input"));
  EXPECT_EQ(e.code, ErrorCode::invalid_client_metadata);
  EXPECT_EQ(e.description, "scope: unknown scope");
  EXPECT_EQ(e.detail, "the-input");
}

}  // namespace
}  // namespace authly::services
