// `authly keys list|rotate` with the real binary, against SQLite and PostgreSQL, and two real
// servers sharing one database following a rotation (docs/key-rotation.md).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json/parse.hpp>
#include <thread>

#include "core/base64url.hpp"
#include "store/store.hpp"
#include "support/process.hpp"
#include "support/raw_http.hpp"
#include "support/scratch_database.hpp"

namespace authly::test {
namespace {

using ::testing::HasSubstr;

class KeysCliOnBackend : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<ScratchDatabase>(GetParam());
    env_ = base_env({{"AUTHLY_DATABASE_URL", db_->url()}, {"AUTHLY_DATA_DIR", db_->data_dir()}});
    auto up = run({"db", "upgrade"});
    ASSERT_EQ(up.exit_code, 0) << up.err;
  }
  ProcessResult run(const std::vector<std::string>& args) { return run_authly(args, env_); }
  boost::json::value json_of(const ProcessResult& r) {
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return boost::json::parse(r.out);
  }
  boost::json::array keys() { return json_of(run({"keys", "list", "--json"})).as_array(); }
  // First start creates the first signing keys (oauth.signing_alg, ES256 by default, and RS256).
  void start_and_stop_server() {
    AuthlyServer server(env_);
    server.process().send_signal(SIGTERM);
    ASSERT_EQ(server.process().wait_for(std::chrono::seconds(20)), 0) << server.process().err();
  }

  std::unique_ptr<ScratchDatabase> db_;
  Env env_;
};

std::size_t count(const boost::json::array& keys, std::string_view alg, std::string_view state) {
  std::size_t n = 0;
  for (const auto& k : keys)
    if (k.at("alg").as_string() == alg && k.at("state").as_string() == state) ++n;
  return n;
}

TEST_P(KeysCliOnBackend, ListIsEmptyBeforeTheFirstStart) {
  EXPECT_EQ(keys().size(), 0u);
  auto text = run({"keys", "list"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("no signing keys"));
}

TEST_P(KeysCliOnBackend, ListShowsTheFirstKeyAfterTheFirstStart) {
  start_and_stop_server();
  const auto list = keys();
  // The access-token key (ES256 by default) and the ID-token default, RS256.
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(count(list, "ES256", "active"), 1u);
  EXPECT_EQ(count(list, "RS256", "active"), 1u);
  const auto& k = (list[0].at("alg").as_string() == "ES256" ? list[0] : list[1]).as_object();
  EXPECT_EQ(k.at("state").as_string(), "active");
  EXPECT_TRUE(k.at("activated_at").is_string());
  EXPECT_TRUE(k.at("remove_after").is_null());
  EXPECT_FALSE(k.contains("private_key_enc"));
  auto text = run({"keys", "list"});
  EXPECT_THAT(text.out, HasSubstr(std::string(k.at("kid").as_string())));
  EXPECT_THAT(text.out, HasSubstr("active"));
}

TEST_P(KeysCliOnBackend, RotateStagesANextKeyThatListShows) {
  start_and_stop_server();
  std::string active;  // the ES256 key that signs access tokens
  for (const auto& k : keys())
    if (k.at("alg").as_string() == "ES256") active = std::string(k.at("kid").as_string());
  auto r = run({"keys", "rotate", "--alg", "RS256"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("staged RS256 key"));
  auto list = keys();
  EXPECT_EQ(count(list, "RS256", "next"), 1u);
  EXPECT_EQ(count(list, "ES256", "active"), 1u);

  // Default algorithm: oauth.signing_alg. The active key keeps signing for keys.publish_lead_s.
  auto es = json_of(run({"keys", "rotate", "--json"}));
  EXPECT_EQ(es.at("alg").as_string(), "ES256");
  EXPECT_TRUE(es.at("created").as_bool());
  EXPECT_EQ(es.at("replaces").as_string(), active);
  EXPECT_NE(es.at("signs_from"), es.at("created_at"));
  list = keys();
  EXPECT_EQ(count(list, "ES256", "next"), 1u);
  EXPECT_EQ(count(list, "ES256", "active"), 1u);

  // Again: the staged key is reported, not a second one made.
  auto again = run({"keys", "rotate"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("already staged"));
  EXPECT_THAT(again.out, HasSubstr(std::string(es.at("kid").as_string())));
  EXPECT_THAT(again.out, HasSubstr("starts signing at"));
  EXPECT_EQ(count(keys(), "ES256", "next"), 1u);

  auto store = store::open_store({db_->url(), 1, 5000});
  int rotated = 0;
  for (const auto& e : store->audit().list_recent(50))
    if (e.type == "key.rotated" && e.actor == "cli") ++rotated;
  EXPECT_EQ(rotated, 2);
}

TEST_P(KeysCliOnBackend, BadAlgorithmIsAUsageError) {
  for (std::string alg : {"HS256", "none", "es256", "RS512"}) {
    auto r = run({"keys", "rotate", "--alg", alg});
    EXPECT_EQ(r.exit_code, 2) << alg << ": " << r.err;
    EXPECT_THAT(r.err, HasSubstr("ES256, RS256, PS256 or EdDSA")) << alg;
  }
  EXPECT_EQ(keys().size(), 0u);
}

TEST_P(KeysCliOnBackend, RotateRefusesAMasterKeyTheServersDoNotUse) {
  start_and_stop_server();
  Env other = env_;
  other["AUTHLY_MASTER_KEY"] = core::base64url_encode(std::string(32, 'x'));
  auto r = run_authly({"keys", "rotate"}, other);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("master key"));
  EXPECT_EQ(count(keys(), "ES256", "next"), 0u);
}

INSTANTIATE_TEST_SUITE_P(Backends, KeysCliOnBackend, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

// --- two servers, one PostgreSQL database ---------------------------------------------------

std::string kid_of(const std::string& jwt) {
  const auto header = core::base64url_decode(jwt.substr(0, jwt.find('.')));
  if (!header) return {};
  return std::string(boost::json::parse(*header).at("kid").as_string());
}

std::string token_from(const AuthlyServer& server, const std::string& client_id, const std::string& secret) {
  auto r = post_form(server.port(), "/auth/token",
                     "grant_type=client_credentials&client_id=" + client_id + "&client_secret=" + secret);
  if (r.status != 200) throw std::runtime_error("token request failed: " + r.body);
  return std::string(boost::json::parse(r.body).at("access_token").as_string());
}

// The multi-instance scenario: `keys rotate` against the shared database; both servers
// publish the new key, promote it (whichever maintenance run comes first), then both sign with it, the old key
// stays published on both, and a token signed by the old key still introspects as active.
TEST(KeyRotationAcrossServers, TwoServersOnOnePostgresDatabaseConvergeAfterARotation) {
  ScratchDatabase db("postgresql");
  // One issuer for both, as behind one load balancer. Reload every second and no JWKS caching,
  // so the publish lead (at least reload + max-age) is 1 s.
  const Env env = base_env({{"AUTHLY_ISSUER", "https://id.example.test"},
                            {"AUTHLY_DATABASE_URL", db.url()},
                            {"AUTHLY_DATA_DIR", db.data_dir()},
                            {"AUTHLY_KEYS_RELOAD_INTERVAL_S", "1"},
                            {"AUTHLY_KEYS_JWKS_MAX_AGE_S", "0"},
                            {"AUTHLY_KEYS_PUBLISH_LEAD_S", "0"},
                            {"AUTHLY_KEYS_ROTATION_PERIOD_S", "0"}});
  AuthlyServer a(env);
  AuthlyServer b(env);
  auto client = run_authly({"client", "create", "--name", "svc", "--grant-type", "client_credentials", "--auth-method",
                            "client_secret_post", "--json"},
                           env);
  ASSERT_EQ(client.exit_code, 0) << client.err;
  const auto c = boost::json::parse(client.out);
  const std::string id(c.at("client_id").as_string());
  const std::string secret(c.at("client_secret").as_string());

  const auto old_token = token_from(a, id, secret);
  const auto old_kid = kid_of(old_token);
  ASSERT_EQ(kid_of(token_from(b, id, secret)), old_kid);

  auto rotated = run_authly({"keys", "rotate", "--json"}, env);
  ASSERT_EQ(rotated.exit_code, 0) << rotated.err;
  const std::string new_kid(boost::json::parse(rotated.out).at("kid").as_string());
  ASSERT_NE(new_kid, old_kid);

  // Wait (bounded) until both servers sign with the new key: each server's maintenance run (every
  // reload interval) may promote it, and each reloads the table within that interval.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  bool converged = false;
  while (!converged && std::chrono::steady_clock::now() < deadline) {
    converged = kid_of(token_from(a, id, secret)) == new_kid && kid_of(token_from(b, id, secret)) == new_kid;
    if (!converged) std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  ASSERT_TRUE(converged) << "the servers did not both start signing with " << new_kid;

  const auto list = boost::json::parse(run_authly({"keys", "list", "--json"}, env).out).as_array();
  EXPECT_EQ(count(list, "ES256", "active"), 1u);
  EXPECT_EQ(count(list, "ES256", "retired"), 1u);
  EXPECT_EQ(count(list, "ES256", "next"), 0u);

  const auto jwks_a = get(a.port(), "/oidc/jwks");
  const auto jwks_b = get(b.port(), "/oidc/jwks");
  for (const auto* jwks : {&jwks_a, &jwks_b}) {
    EXPECT_THAT(jwks->body, HasSubstr(old_kid));
    EXPECT_THAT(jwks->body, HasSubstr(new_kid));
    EXPECT_EQ(jwks->header("Cache-Control"), "public, max-age=0");
  }
  EXPECT_EQ(jwks_a.header("ETag"), jwks_b.header("ETag"));

  auto introspected =
      post_form(b.port(), "/auth/introspect", "token=" + old_token + "&client_id=" + id + "&client_secret=" + secret);
  ASSERT_EQ(introspected.status, 200) << introspected.body;
  EXPECT_TRUE(boost::json::parse(introspected.body).at("active").as_bool()) << introspected.body;
}

}  // namespace
}  // namespace authly::test
