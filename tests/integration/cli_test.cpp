// The real `authly` binary's commands, against SQLite and PostgreSQL.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <fstream>

#include "crypto/hash.hpp"
#include "store/store.hpp"
#include "support/process.hpp"
#include "support/scratch_database.hpp"

namespace authly::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class CliOnBackend : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<ScratchDatabase>(GetParam());
    env_ = base_env({{"AUTHLY_DATABASE_URL", db_->url()}, {"AUTHLY_DATA_DIR", db_->data_dir()}});
    auto up = run({"db", "upgrade"});
    ASSERT_EQ(up.exit_code, 0) << up.err;
  }
  ProcessResult run(const std::vector<std::string>& args, const std::string& in = "") {
    return run_authly(args, env_, in);
  }
  boost::json::value json_of(const ProcessResult& r) {
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return boost::json::parse(r.out);
  }
  ProcessResult create_user(const std::string& name, const std::string& email) {
    return run({"user", "create", "--username", name, "--email", email, "--password-stdin", "--json"},
               "correct horse battery\n");
  }

  std::unique_ptr<ScratchDatabase> db_;
  Env env_;
};

TEST_P(CliOnBackend, DbUpgradeIsIdempotentAndStatusShowsNothingPending) {
  auto again = run({"db", "upgrade"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("up to date"));
  auto status = json_of(run({"db", "status", "--json"}));
  EXPECT_EQ(status.at("pending").as_int64(), 0);
  EXPECT_GE(status.at("migrations").as_array().size(), 1u);
  EXPECT_EQ(status.at("backend").as_string(), GetParam());
}

TEST_P(CliOnBackend, UserCreatePrintsJsonWithoutPasswordOrHash) {
  auto r = create_user("alice", "alice@example.com");
  auto u = json_of(r);
  EXPECT_EQ(u.at("username").as_string(), "alice");
  EXPECT_EQ(u.at("email").as_string(), "alice@example.com");
  EXPECT_FALSE(u.as_object().contains("password_hash"));
  EXPECT_THAT(r.out, Not(HasSubstr("correct horse")));
  EXPECT_THAT(r.out, Not(HasSubstr("$argon2id$")));

  auto shown = json_of(run({"user", "show", "alice", "--json"}));
  EXPECT_EQ(shown.at("id"), u.at("id"));
}

TEST_P(CliOnBackend, UserPasswordIsStoredAsArgon2idHash) {
  auto u = json_of(create_user("hashme", "hashme@example.com"));
  auto store = store::open_store({db_->url(), 1, 5000});
  auto row = store->users().find_by_id(std::string(u.at("id").as_string()));
  ASSERT_TRUE(row);
  EXPECT_EQ(row->password_hash.rfind("$argon2id$", 0), 0u) << row->password_hash;
}

TEST_P(CliOnBackend, DuplicateUserFailsAndChangesNothing) {
  ASSERT_EQ(create_user("bob", "bob@example.com").exit_code, 0);
  auto dup = create_user("BOB", "other@example.com");
  EXPECT_EQ(dup.exit_code, 1);
  EXPECT_THAT(dup.err, HasSubstr("already exists"));
  auto list = json_of(run({"user", "list", "--json"}));
  EXPECT_EQ(list.as_array().size(), 1u);
}

TEST_P(CliOnBackend, InvalidUserInputIsUsageErrorAndCreatesNothing) {
  auto bad_email = create_user("carol", "not-an-email");
  EXPECT_EQ(bad_email.exit_code, 2);
  EXPECT_THAT(bad_email.err, HasSubstr("email"));
  auto short_pw =
      run({"user", "create", "--username", "dave", "--email", "d@example.com", "--password-stdin"}, "short\n");
  EXPECT_EQ(short_pw.exit_code, 2);
  auto no_pw = run({"user", "create", "--username", "erin", "--email", "e@example.com"});
  EXPECT_EQ(no_pw.exit_code, 2);
  EXPECT_EQ(json_of(run({"user", "list", "--json"})).as_array().size(), 0u);
}

TEST_P(CliOnBackend, UserDisableMarksInactive) {
  ASSERT_EQ(create_user("frank", "frank@example.com").exit_code, 0);
  auto r = run({"user", "disable", "frank"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(json_of(run({"user", "show", "frank", "--json"})).at("is_active").as_bool());
  EXPECT_EQ(run({"user", "show", "nobody"}).exit_code, 1);
}

TEST_P(CliOnBackend, UserSetClaimsStoresStandardClaimsAndRefusesUnknownOnes) {
  ASSERT_EQ(create_user("alice", "alice@example.com").exit_code, 0);
  auto u = json_of(run({"user", "set-claims", "alice", "--claim", "name=Alice Liddell", "--claim",
                        "address.locality=Oxford", "--claim", "phone_number=+441865270000", "--json"}));
  const auto& claims = u.at("claims").as_object();
  EXPECT_EQ(claims.at("name").as_string(), "Alice Liddell");
  EXPECT_EQ(claims.at("address").as_object().at("locality").as_string(), "Oxford");
  // The claims survive a round trip through the database.
  auto shown = json_of(run({"user", "show", "alice", "--json"}));
  EXPECT_EQ(shown.at("claims").as_object().at("phone_number").as_string(), "+441865270000");

  auto bad = run({"user", "set-claims", "alice", "--claim", "shoe_size=9"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("shoe_size"));
  auto malformed = run({"user", "set-claims", "alice", "--claim", "name"});
  EXPECT_EQ(malformed.exit_code, 2);
  // A refused change changes nothing.
  EXPECT_EQ(json_of(run({"user", "show", "alice", "--json"})).at("claims"), shown.at("claims"));
}

TEST_P(CliOnBackend, ConfidentialClientGetsOneTimeSecretStoredHashed) {
  auto r = run({"client",
                "create",
                "--name",
                "Web App",
                "--type",
                "confidential",
                "--redirect-uri",
                "https://app.example.com/cb",
                "--redirect-uri",
                "http://127.0.0.1/cb",
                "--post-logout-redirect-uri",
                "https://app.example.com/bye",
                "--grant-type",
                "authorization_code",
                "--grant-type",
                "refresh_token",
                "--scope",
                "openid profile",
                "--auth-method",
                "client_secret_basic",
                "--json"});
  auto c = json_of(r);
  const std::string id(c.at("client_id").as_string());
  const std::string secret(c.at("client_secret").as_string());
  EXPECT_EQ(secret.size(), 43u);  // 256 bits, base64url
  EXPECT_EQ(c.at("redirect_uris").as_array().size(), 2u);
  EXPECT_EQ(c.at("token_endpoint_auth_method").as_string(), "client_secret_basic");
  EXPECT_EQ(c.at("scope").as_string(), "openid profile");

  auto shown = run({"client", "show", id, "--json"});
  EXPECT_THAT(shown.out, Not(HasSubstr(secret)));
  EXPECT_FALSE(json_of(shown).as_object().contains("client_secret"));

  auto store = store::open_store({db_->url(), 1, 5000});
  auto row = store->clients().find(id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->secret_hash, crypto::sha256_hex(secret));

  auto rotated = json_of(run({"client", "rotate-secret", id, "--json"}));
  const std::string secret2(rotated.at("client_secret").as_string());
  EXPECT_NE(secret2, secret);
  EXPECT_EQ(store->clients().find(id)->secret_hash, crypto::sha256_hex(secret2));

  ASSERT_EQ(run({"client", "delete", id}).exit_code, 0);
  EXPECT_EQ(run({"client", "show", id}).exit_code, 1);
}

TEST_P(CliOnBackend, PublicClientHasNoSecretAndAuthMethodNone) {
  auto c = json_of(run({"client", "create", "--name", "CLI tool", "--type", "public", "--redirect-uri",
                        "http://127.0.0.1/callback", "--redirect-uri", "com.example.app:/oauth2redirect", "--json"}));
  EXPECT_FALSE(c.as_object().contains("client_secret"));
  EXPECT_EQ(c.at("token_endpoint_auth_method").as_string(), "none");
}

TEST_P(CliOnBackend, UnsafeRedirectUrisAreRejectedAndNothingIsCreated) {
  for (const std::string uri : {"javascript:alert(1)", "https://app.example.com/cb#frag", "http://app.example.com/cb",
                                "data:text/html,hi", "/relative/cb", "com.example.app:/cb"}) {
    auto r = run({"client", "create", "--name", "Bad", "--type", "confidential", "--redirect-uri", uri});
    EXPECT_EQ(r.exit_code, 2) << uri << "\n" << r.out;
    EXPECT_THAT(r.err, HasSubstr("redirect_uris")) << uri;
  }
  EXPECT_EQ(json_of(run({"client", "list", "--json"})).as_array().size(), 0u);
}

TEST_P(CliOnBackend, ClientRulesOnGrantsAndAuthMethods) {
  auto public_cc = run({"client", "create", "--name", "x", "--type", "public", "--grant-type", "client_credentials"});
  EXPECT_EQ(public_cc.exit_code, 2);
  auto implicit =
      run({"client", "create", "--name", "x", "--grant-type", "implicit", "--redirect-uri", "https://a.example/cb"});
  EXPECT_EQ(implicit.exit_code, 2);
  auto public_secret = run({"client", "create", "--name", "x", "--type", "public", "--auth-method",
                            "client_secret_basic", "--redirect-uri", "https://a.example/cb"});
  EXPECT_EQ(public_secret.exit_code, 2);
  auto unknown_scope =
      run({"client", "create", "--name", "x", "--redirect-uri", "https://a.example/cb", "--scope", "no-such-scope"});
  EXPECT_EQ(unknown_scope.exit_code, 2);
  EXPECT_THAT(unknown_scope.err, HasSubstr("no-such-scope"));
  auto bad_type = run({"client", "create", "--name", "x", "--type", "weird"});
  EXPECT_EQ(bad_type.exit_code, 2);
  EXPECT_EQ(json_of(run({"client", "list", "--json"})).as_array().size(), 0u);
}

TEST_P(CliOnBackend, ServiceAccountClientWithClientCredentials) {
  auto c = json_of(run({"client", "create", "--name", "svc", "--grant-type", "client_credentials", "--auth-method",
                        "client_secret_post", "--json"}));
  EXPECT_TRUE(c.as_object().contains("client_secret"));
  EXPECT_EQ(c.at("response_types").as_array().size(), 0u);
}

TEST_P(CliOnBackend, ScopeCreateListDelete) {
  ASSERT_EQ(run({"scope", "create", "billing:read", "--description", "Read invoices"}).exit_code, 0);
  auto dup = run({"scope", "create", "billing:read"});
  EXPECT_EQ(dup.exit_code, 1);
  auto bad = run({"scope", "create", "has space"});
  EXPECT_EQ(bad.exit_code, 2);
  auto list = run({"scope", "list", "--json"});
  EXPECT_THAT(list.out, HasSubstr("billing:read"));
  ASSERT_EQ(run({"scope", "delete", "billing:read"}).exit_code, 0);
  EXPECT_EQ(run({"scope", "delete", "billing:read"}).exit_code, 1);
}

TEST_P(CliOnBackend, ClientCreateAcceptsRegisteredScopes) {
  ASSERT_EQ(run({"scope", "create", "billing:read"}).exit_code, 0);
  auto c = json_of(run({"client", "create", "--name", "x", "--redirect-uri", "https://a.example/cb", "--scope",
                        "openid billing:read", "--json"}));
  EXPECT_EQ(c.at("scope").as_string(), "openid billing:read");
}

INSTANTIATE_TEST_SUITE_P(Backends, CliOnBackend, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

// ---- Commands that need no database -------------------------------------------------------

TEST(Cli, VersionFlagPrintsVersion) {
  auto r = run_authly({"--version"}, base_env());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("authly 0."));
}

TEST(Cli, HelpOnEveryCommand) {
  const std::vector<std::vector<std::string>> commands = {{},
                                                          {"serve"},
                                                          {"db"},
                                                          {"db", "upgrade"},
                                                          {"db", "status"},
                                                          {"user"},
                                                          {"user", "create"},
                                                          {"user", "list"},
                                                          {"user", "show"},
                                                          {"user", "disable"},
                                                          {"user", "set-claims"},
                                                          {"client"},
                                                          {"client", "create"},
                                                          {"client", "list"},
                                                          {"client", "show"},
                                                          {"client", "rotate-secret"},
                                                          {"client", "delete"},
                                                          {"scope"},
                                                          {"scope", "create"},
                                                          {"scope", "list"},
                                                          {"scope", "delete"},
                                                          {"config"},
                                                          {"config", "show"}};
  for (auto args : commands) {
    args.push_back("--help");
    auto r = run_authly(args, base_env());
    EXPECT_EQ(r.exit_code, 0) << ::testing::PrintToString(args) << r.err;
    EXPECT_THAT(r.out, HasSubstr("Usage")) << ::testing::PrintToString(args);
  }
}

TEST(Cli, UnknownCommandAndBadArgumentsAreUsageErrors) {
  EXPECT_EQ(run_authly({"frobnicate"}, base_env()).exit_code, 2);
  EXPECT_EQ(run_authly({"user", "list", "--limit", "zero"}, base_env()).exit_code, 2);
  EXPECT_EQ(run_authly({}, base_env()).exit_code, 2);
}

TEST(Cli, UnknownEnvironmentKeyIsNamed) {
  auto r = run_authly({"config", "show"}, base_env({{"AUTHLY_ISSUR", "https://id.example.com"}}));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("AUTHLY_ISSUR"));
}

TEST(Cli, BadConfigValueIsNamed) {
  auto r = run_authly({"config", "show"}, base_env({{"AUTHLY_HTTP_MAX_BODY_BYTES", "lots"}}));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("AUTHLY_HTTP_MAX_BODY_BYTES"));
}

TEST(Cli, UnknownTomlKeyIsNamed) {
  TempDir dir;
  const std::string path = dir.path() + "/authly.toml";
  {
    std::ofstream f(path);
    f << "issuer = \"https://id.example.com\"\n[http]\nmax_body_byte = 10\n";
  }
  auto r = run_authly({"config", "show", "--config", path}, base_env());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("max_body_byte"));
}

TEST(Cli, ConfigShowLayersAndRedactsSecrets) {
  TempDir dir;
  const std::string secret_file = dir.path() + "/admin_pw";
  {
    std::ofstream f(secret_file);
    f << "s3cr3t-from-file\n";
  }
  const std::string toml = dir.path() + "/authly.toml";
  {
    std::ofstream f(toml);
    f << "issuer = \"https://from-file.example.com\"\nlog_level = \"debug\"\n";
  }
  auto r = run_authly({"config", "show", "--config", toml, "--log-level", "warn"},
                      base_env({{"AUTHLY_ISSUER", "https://from-env.example.com"},
                                {"AUTHLY_ADMIN_PASSWORD_FILE", secret_file},
                                {"AUTHLY_DATABASE_URL", "postgresql://authly:dbpass@db.internal/authly"}}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("https://from-env.example.com"));  // env beats file
  EXPECT_THAT(r.out, HasSubstr("\"warn\""));                      // flag beats file
  EXPECT_THAT(r.out, Not(HasSubstr("s3cr3t-from-file")));
  EXPECT_THAT(r.out, Not(HasSubstr("dbpass")));
  EXPECT_THAT(r.out, HasSubstr("<redacted>"));
}

TEST(Cli, DatabaseDownGivesClearErrorWithoutPassword) {
  auto r =
      run_authly({"user", "list"}, base_env({{"AUTHLY_DATABASE_URL", "postgresql://authly:hunter2@127.0.0.1:1/authly"},
                                             {"AUTHLY_DATABASE_CONNECT_TIMEOUT_MS", "2000"}}));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("database"));
  EXPECT_THAT(r.err, Not(HasSubstr("hunter2")));
}

}  // namespace
}  // namespace authly::test
