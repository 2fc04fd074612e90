// `authly client create` is an administrator's act: its clients may point back-channel logout and
// jwks_uri at loopback (the e2e harness relies on it), and the store says so.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <fstream>

#include "store/store.hpp"
#include "support/process.hpp"
#include "support/scratch_database.hpp"

namespace authly::test {
namespace {

class CliClientRegistrar : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<ScratchDatabase>(GetParam());
    env_ = base_env({{"AUTHLY_DATABASE_URL", db_->url()}, {"AUTHLY_DATA_DIR", db_->data_dir()}});
    auto up = run_authly({"db", "upgrade"}, env_);
    ASSERT_EQ(up.exit_code, 0) << up.err;
  }
  std::unique_ptr<ScratchDatabase> db_;
  Env env_;
};

TEST_P(CliClientRegistrar, ClientCreatedByTheCliIsAdministratorRegistered) {
  auto r =
      run_authly({"client", "create", "--name", "Local RP", "--type", "public", "--redirect-uri",
                  "http://127.0.0.1:8080/cb", "--backchannel-logout-uri", "HTTP://127.0.0.1:9/backchannel", "--json"},
                 env_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto id = std::string(boost::json::parse(r.out).at("client_id").as_string());
  auto store = store::open_store({db_->url(), 1, 5000});
  auto row = store->clients().find(id);
  ASSERT_TRUE(row);
  EXPECT_TRUE(row->registered_by_admin);
}

TEST_P(CliClientRegistrar, PrivateKeyMaterialInJwksFileIsRefused) {
  TempDir dir;
  const std::string path = dir.path() + "/jwks.json";
  {
    std::ofstream out(path);
    out << R"({"keys":[{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",)"
           R"("y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}]})";
  }
  auto r = run_authly({"client", "create", "--name", "Keys", "--type", "confidential", "--grant-type",
                       "client_credentials", "--auth-method", "private_key_jwt", "--jwks-file", path},
                      env_);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(r.out.find("jpsQnnGQ"), std::string::npos);
  EXPECT_EQ(r.err.find("jpsQnnGQ"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, CliClientRegistrar, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace authly::test
