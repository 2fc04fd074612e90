#include "config/config.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

namespace authly::config {
namespace {

namespace fs = std::filesystem;

// A private directory under the system temp dir, removed after each test.
class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("authly-config-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& content) {
    const auto path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  Config load_toml(const std::string& toml) {
    LoadOptions o;
    o.config_file = write("authly.toml", toml);
    return load(o);
  }

  fs::path dir_;
};

// The ConfigError thrown by `f`, or a test failure if nothing was thrown.
ConfigError error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ConfigError& e) {
    return e;
  }
  ADD_FAILURE() << "expected ConfigError";
  return ConfigError("<none>", "no error");
}

ConfigError env_error(std::map<std::string, std::string> env) {
  return error_of([&] { load({.environment = std::move(env)}); });
}

ConfigError flag_error(std::map<std::string, std::string> flags) {
  return error_of([&] { load({.flags = std::move(flags)}); });
}

TEST_F(ConfigTest, DefaultsLoadWithoutAnyLayer) {
  const auto c = load({});
  EXPECT_EQ(c.issuer, "http://127.0.0.1:8000");
  EXPECT_EQ(c.listen_host(), "127.0.0.1");
  EXPECT_EQ(c.listen_port(), 8000);
  EXPECT_EQ(c.http.max_body_bytes, 1024 * 1024);
  EXPECT_EQ(c.password.algorithm, PasswordAlgorithm::argon2id);
}

TEST_F(ConfigTest, TomlOverridesDefaults) {
  const auto c = load_toml(R"(
issuer = "https://auth.example.com"
log_level = "debug"
[http]
max_body_bytes = 2048
trusted_proxies = ["10.0.0.1", "10.1.0.0/16"]
[database]
auto_migrate = false
[password]
algorithm = "bcrypt"
bcrypt_cost = 10
argon2_mem_limit_kib = 19456
)");
  EXPECT_EQ(c.issuer, "https://auth.example.com");
  EXPECT_EQ(c.log_level, LogLevel::debug);
  EXPECT_EQ(c.http.max_body_bytes, 2048);
  EXPECT_EQ(c.http.trusted_proxies, (std::vector<std::string>{"10.0.0.1", "10.1.0.0/16"}));
  EXPECT_FALSE(c.database.auto_migrate);
  EXPECT_EQ(c.password.algorithm, PasswordAlgorithm::bcrypt);
  EXPECT_EQ(c.password.bcrypt_cost, 10);
  EXPECT_EQ(c.password.argon2_mem_limit_kib, 19456u);
  EXPECT_EQ(c.http.io_threads, 2);  // untouched default
}

TEST_F(ConfigTest, EnvironmentOverridesToml) {
  LoadOptions o;
  o.config_file = write("a.toml", "[http]\nmax_body_bytes = 2048\nio_threads = 3\n");
  o.environment = {{"AUTHLY_HTTP_MAX_BODY_BYTES", "4096"}};
  const auto c = load(o);
  EXPECT_EQ(c.http.max_body_bytes, 4096);
  EXPECT_EQ(c.http.io_threads, 3);
}

TEST_F(ConfigTest, FlagsOverrideEnvironment) {
  LoadOptions o;
  o.config_file = write("a.toml", "log_level = \"warn\"\n[http]\nmax_body_bytes = 2048\n");
  o.environment = {{"AUTHLY_HTTP_MAX_BODY_BYTES", "4096"}, {"AUTHLY_LOG_LEVEL", "error"}};
  o.flags = {{"http.max_body_bytes", "8192"}};
  const auto c = load(o);
  EXPECT_EQ(c.http.max_body_bytes, 8192);
  EXPECT_EQ(c.log_level, LogLevel::error);
}

TEST_F(ConfigTest, NonAuthlyEnvironmentIsIgnored) {
  const auto c = load({.environment = {{"HOME", "/root"}, {"AUTHLYX", "1"}, {"PATH", "/bin"}}});
  EXPECT_EQ(c.issuer, "http://127.0.0.1:8000");
}

TEST_F(ConfigTest, UnknownTomlKeyIsAnError) {
  const auto e = error_of([&] { load_toml("isuer = \"https://a.example\"\n"); });
  EXPECT_EQ(e.key(), "isuer");
  EXPECT_NE(std::string(e.what()).find("did you mean 'issuer'"), std::string::npos) << e.what();
}

TEST_F(ConfigTest, UnknownTomlKeyInsideTableIsAnError) {
  EXPECT_EQ(error_of([&] { load_toml("[http]\nmax_body = 1\n"); }).key(), "http.max_body");
}

TEST_F(ConfigTest, UnknownTomlTableIsAnError) {
  const auto e = error_of([&] { load_toml("[htp]\nio_threads = 4\n"); });
  EXPECT_EQ(e.key(), "htp");
  EXPECT_NE(std::string(e.what()).find("'http'"), std::string::npos) << e.what();
}

TEST_F(ConfigTest, NestedTomlTableIsAnError) {
  EXPECT_EQ(error_of([&] { load_toml("[http.limits]\nx = 1\n"); }).key(), "http.limits");
}

TEST_F(ConfigTest, SectionGivenAsValueIsAnError) {
  EXPECT_EQ(error_of([&] { load_toml("http = 5\n"); }).key(), "http");
}

TEST_F(ConfigTest, QuotedDottedTomlKeyIsNotAPath) {
  EXPECT_EQ(error_of([&] { load_toml("\"http.io_threads\" = 4\n"); }).key(), "http.io_threads");
}

TEST_F(ConfigTest, WrongTomlTypeNamesTheKey) {
  auto e = error_of([&] { load_toml("[http]\nmax_body_bytes = \"big\"\n"); });
  EXPECT_EQ(e.key(), "http.max_body_bytes");
  EXPECT_NE(std::string(e.what()).find("integer"), std::string::npos) << e.what();
  EXPECT_EQ(error_of([&] { load_toml("issuer = 5\n"); }).key(), "issuer");
  EXPECT_EQ(error_of([&] { load_toml("[database]\nauto_migrate = \"yes\"\n"); }).key(), "database.auto_migrate");
  EXPECT_EQ(error_of([&] { load_toml("[http]\ntrusted_proxies = [\"10.0.0.1\", 5]\n"); }).key(),
            "http.trusted_proxies");
  EXPECT_EQ(error_of([&] { load_toml("[http]\ntrusted_proxies = \"10.0.0.1\"\n"); }).key(), "http.trusted_proxies");
}

TEST_F(ConfigTest, TomlParseErrorNamesFileAndPosition) {
  LoadOptions o;
  o.config_file = write("broken.toml", "issuer = \"https://a.example\"\nlisten = \n");
  const auto e = error_of([&] { load(o); });
  EXPECT_EQ(e.key(), *o.config_file);
  EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find("column"), std::string::npos) << e.what();
}

TEST_F(ConfigTest, MissingConfigFileIsAnError) {
  const auto path = (dir_ / "nope.toml").string();
  EXPECT_EQ(error_of([&] { load({.config_file = path}); }).key(), path);
}

TEST_F(ConfigTest, UnknownEnvironmentVariableIsAnError) {
  const auto e = env_error({{"AUTHLY_ISSUR", "https://a.example"}});
  EXPECT_EQ(e.key(), "AUTHLY_ISSUR");
  EXPECT_NE(std::string(e.what()).find("AUTHLY_ISSUER"), std::string::npos) << e.what();
}

TEST_F(ConfigTest, UnknownFlagIsAnError) {
  const auto e = flag_error({{"http.max_bdy_bytes", "1"}});
  EXPECT_EQ(e.key(), "--http-max-bdy-bytes");
  EXPECT_NE(std::string(e.what()).find("--http-max-body-bytes"), std::string::npos) << e.what();
}

TEST_F(ConfigTest, BadValuesNameTheKeyAtTheirLayer) {
  EXPECT_EQ(error_of([&] { load_toml("[http]\nmax_body_bytes = 0\n"); }).key(), "http.max_body_bytes");
  EXPECT_EQ(env_error({{"AUTHLY_LISTEN", "localhost"}}).key(), "AUTHLY_LISTEN");
  EXPECT_EQ(env_error({{"AUTHLY_HTTP_IO_THREADS", "many"}}).key(), "AUTHLY_HTTP_IO_THREADS");
  EXPECT_EQ(env_error({{"AUTHLY_HTTP_IO_THREADS", "4x"}}).key(), "AUTHLY_HTTP_IO_THREADS");
  EXPECT_EQ(flag_error({{"http.io_threads", "0"}}).key(), "--http-io-threads");
  EXPECT_EQ(flag_error({{"log_level", "verbose"}}).key(), "--log-level");
}

TEST_F(ConfigTest, NumbersMustBeInRange) {
  EXPECT_EQ(flag_error({{"http.io_threads", "257"}}).key(), "--http-io-threads");
  EXPECT_EQ(flag_error({{"http.idle_timeout_ms", "-1"}}).key(), "--http-idle-timeout-ms");
  EXPECT_EQ(flag_error({{"database.pool_size", "1001"}}).key(), "--database-pool-size");
  EXPECT_EQ(flag_error({{"password.bcrypt_cost", "3"}}).key(), "--password-bcrypt-cost");
  EXPECT_EQ(flag_error({{"password.bcrypt_cost", "32"}}).key(), "--password-bcrypt-cost");
  EXPECT_EQ(flag_error({{"http.max_body_bytes", "99999999999"}}).key(), "--http-max-body-bytes");
  EXPECT_EQ(load({.flags = {{"password.bcrypt_cost", "31"}}}).password.bcrypt_cost, 31);
}

TEST_F(ConfigTest, BooleansAcceptCommonSpellings) {
  for (const char* yes : {"true", "1", "yes", "TRUE"}) {
    EXPECT_TRUE(load({.environment = {{"AUTHLY_DATABASE_AUTO_MIGRATE", yes}}}).database.auto_migrate) << yes;
  }
  for (const char* no : {"false", "0", "no"}) {
    EXPECT_FALSE(load({.flags = {{"database.auto_migrate", no}}}).database.auto_migrate) << no;
  }
  EXPECT_EQ(env_error({{"AUTHLY_DATABASE_AUTO_MIGRATE", "maybe"}}).key(), "AUTHLY_DATABASE_AUTO_MIGRATE");
}

TEST_F(ConfigTest, TrustedProxiesFromEnvironmentAreCommaSeparated) {
  const auto c = load({.environment = {{"AUTHLY_HTTP_TRUSTED_PROXIES", "10.0.0.1, ::1 ,192.168.0.0/24"}}});
  EXPECT_EQ(c.http.trusted_proxies, (std::vector<std::string>{"10.0.0.1", "::1", "192.168.0.0/24"}));
  EXPECT_EQ(env_error({{"AUTHLY_HTTP_TRUSTED_PROXIES", "10.0.0.1,proxy.local"}}).key(), "AUTHLY_HTTP_TRUSTED_PROXIES");
  EXPECT_EQ(env_error({{"AUTHLY_HTTP_TRUSTED_PROXIES", "10.0.0.0/33"}}).key(), "AUTHLY_HTTP_TRUSTED_PROXIES");
}

TEST_F(ConfigTest, SecretIsReadFromFileWithoutTrailingNewline) {
  const auto path = write("pw", "s3cret\n");
  const auto c = load({.environment = {{"AUTHLY_ADMIN_PASSWORD_FILE", path}}});
  EXPECT_EQ(c.admin_password, "s3cret");
}

TEST_F(ConfigTest, SecretFileKeepsInnerNewlinesAndStripsOnlyOne) {
  const auto path = write("pw", "a\nb\n\n");
  EXPECT_EQ(load({.environment = {{"AUTHLY_ADMIN_PASSWORD_FILE", path}}}).admin_password, "a\nb\n");
}

TEST_F(ConfigTest, UrlSecretsMayComeFromFiles) {
  const auto db = write("db", "postgresql://authly:pw@db/authly\n");
  const auto redis = write("redis", "redis://:pw@cache:6379/0");
  const auto c = load({.environment = {{"AUTHLY_DATABASE_URL_FILE", db}, {"AUTHLY_REDIS_URL_FILE", redis}}});
  EXPECT_EQ(c.database_url, "postgresql://authly:pw@db/authly");
  EXPECT_EQ(c.redis_url, "redis://:pw@cache:6379/0");
}

TEST_F(ConfigTest, SecretFileValueIsValidated) {
  const auto path = write("key", "too-short\n");
  EXPECT_EQ(env_error({{"AUTHLY_MASTER_KEY_FILE", path}}).key(), "AUTHLY_MASTER_KEY_FILE");
}

TEST_F(ConfigTest, BothSecretAndSecretFileIsAnError) {
  const auto path = write("pw", "from-file\n");
  const auto e = env_error({{"AUTHLY_ADMIN_PASSWORD", "direct"}, {"AUTHLY_ADMIN_PASSWORD_FILE", path}});
  EXPECT_NE(std::string(e.what()).find("AUTHLY_ADMIN_PASSWORD "), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find("AUTHLY_ADMIN_PASSWORD_FILE"), std::string::npos) << e.what();
}

TEST_F(ConfigTest, UnreadableSecretFileNamesVariableAndPath) {
  const auto path = (dir_ / "missing").string();
  const auto e = env_error({{"AUTHLY_MASTER_KEY_FILE", path}});
  EXPECT_EQ(e.key(), "AUTHLY_MASTER_KEY_FILE");
  EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  EXPECT_EQ(env_error({{"AUTHLY_MASTER_KEY_FILE", dir_.string()}}).key(), "AUTHLY_MASTER_KEY_FILE");
}

TEST_F(ConfigTest, FileFormIsOnlyForSecrets) {
  const auto path = write("issuer", "https://a.example\n");
  EXPECT_EQ(env_error({{"AUTHLY_ISSUER_FILE", path}}).key(), "AUTHLY_ISSUER_FILE");
  EXPECT_EQ(env_error({{"AUTHLY_HTTP_IO_THREADS_FILE", path}}).key(), "AUTHLY_HTTP_IO_THREADS_FILE");
}

TEST_F(ConfigTest, IssuerMustNotEndWithSlash) {
  EXPECT_EQ(flag_error({{"issuer", "https://auth.example.com/"}}).key(), "--issuer");
  EXPECT_EQ(flag_error({{"issuer", "https://auth.example.com/realm/"}}).key(), "--issuer");
  EXPECT_EQ(load({.flags = {{"issuer", "https://auth.example.com/realm"}}}).issuer, "https://auth.example.com/realm");
}

TEST_F(ConfigTest, IssuerRequiresHttpsUnlessLoopback) {
  EXPECT_EQ(env_error({{"AUTHLY_ISSUER", "http://auth.example.com"}}).key(), "AUTHLY_ISSUER");
  EXPECT_EQ(env_error({{"AUTHLY_ISSUER", "http://10.0.0.1:8000"}}).key(), "AUTHLY_ISSUER");
  // A host that merely starts like a loopback address is not one.
  EXPECT_EQ(env_error({{"AUTHLY_ISSUER", "http://127.0.0.1.evil.example"}}).key(), "AUTHLY_ISSUER");
  EXPECT_EQ(env_error({{"AUTHLY_ISSUER", "http://localhost.evil.example"}}).key(), "AUTHLY_ISSUER");
  for (const char* ok : {"http://localhost:8000", "http://127.0.0.1", "http://127.1.2.3:9000", "http://[::1]:8000",
                         "https://auth.example.com", "https://auth.example.com:8443/tenant"}) {
    EXPECT_EQ(load({.environment = {{"AUTHLY_ISSUER", ok}}}).issuer, ok);
  }
}

TEST_F(ConfigTest, IssuerMustBeAbsoluteWithoutQueryOrFragment) {
  for (const char* bad : {"auth.example.com", "/relative", "https://auth.example.com?x=1", "https://auth.example.com#f",
                          "ftp://auth.example.com", "https://user:pw@auth.example.com", "https://", "",
                          "https://auth.example.com:70000", "https://auth.example.com:"}) {
    EXPECT_EQ(flag_error({{"issuer", bad}}).key(), "--issuer") << bad;
  }
}

TEST_F(ConfigTest, ListenAcceptsHostPortAndBracketedIpv6) {
  auto c = load({.flags = {{"listen", "[::1]:9443"}}});
  EXPECT_EQ(c.listen_host(), "::1");
  EXPECT_EQ(c.listen_port(), 9443);
  c = load({.flags = {{"listen", "0.0.0.0:0"}}});
  EXPECT_EQ(c.listen_host(), "0.0.0.0");
  EXPECT_EQ(c.listen_port(), 0);
  EXPECT_EQ(load({.flags = {{"listen", "localhost:65535"}}}).listen_port(), 65535);
  for (const char* bad : {"8000", ":8000", "host:", "host:65536", "::1:8000", "[::1]8000", "[nope]:80", "999.0.0.1:80",
                          "host:-1", "host:80a"}) {
    EXPECT_EQ(flag_error({{"listen", bad}}).key(), "--listen") << bad;
  }
}

// metrics.listen: empty (the default: /metrics on listen) or an address like listen, never the
// same one (two servers cannot bind it).
TEST_F(ConfigTest, MetricsListenIsEmptyOrAnotherAddress) {
  auto c = load({});
  EXPECT_EQ(c.metrics.listen, "");
  EXPECT_EQ(c.metrics_port(), 0);
  c = load({.flags = {{"metrics.listen", "0.0.0.0:9100"}}});
  EXPECT_EQ(c.metrics_host(), "0.0.0.0");
  EXPECT_EQ(c.metrics_port(), 9100);
  EXPECT_EQ(load({.environment = {{"AUTHLY_METRICS_LISTEN", "[::1]:9100"}}}).metrics_host(), "::1");
  EXPECT_EQ(flag_error({{"metrics.listen", "9100"}}).key(), "--metrics-listen");
  EXPECT_EQ(flag_error({{"listen", "127.0.0.1:9100"}, {"metrics.listen", "127.0.0.1:9100"}}).key(), "metrics.listen");
  // Port 0 picks a free port for each: both may ask for it.
  EXPECT_EQ(load({.flags = {{"listen", "127.0.0.1:0"}, {"metrics.listen", "127.0.0.1:0"}}}).metrics_port(), 0);
}

TEST_F(ConfigTest, DatabaseUrlSchemes) {
  for (const char* ok : {"sqlite:///var/lib/authly/authly.db", "sqlite://authly.db",
                         "sqlite::memory:", "postgresql://authly:pw@db:5432/authly", "postgres://db/authly"}) {
    EXPECT_EQ(load({.flags = {{"database_url", ok}}}).database_url, ok);
  }
  for (const char* bad : {"mysql://db/authly", "sqlite://", "sqlite:///", "authly.db", "postgresql://"}) {
    EXPECT_EQ(flag_error({{"database_url", bad}}).key(), "--database-url") << bad;
  }
}

TEST_F(ConfigTest, RedisUrlRules) {
  for (const char* ok : {"", "redis://cache", "redis://:pw@cache:6379/2", "redis://cache:6380"}) {
    EXPECT_EQ(load({.flags = {{"redis_url", ok}}}).redis_url, ok);
  }
  const auto e = flag_error({{"redis_url", "rediss://cache:6379"}});
  EXPECT_EQ(e.key(), "--redis-url");
  EXPECT_NE(std::string(e.what()).find("not supported"), std::string::npos) << e.what();
  for (const char* bad :
       {"http://cache", "redis://", "redis://cache:99999", "redis://cache:", "redis://cache/db1", "cache:6379"}) {
    EXPECT_EQ(flag_error({{"redis_url", bad}}).key(), "--redis-url") << bad;
  }
}

TEST_F(ConfigTest, MasterKeyMustBe32BytesOfBase64Url) {
  const std::string good(43, 'A');  // 32 zero bytes
  EXPECT_EQ(load({.flags = {{"master_key", good}}}).master_key, good);
  EXPECT_EQ(flag_error({{"master_key", std::string(42, 'A')}}).key(), "--master-key");
  EXPECT_EQ(flag_error({{"master_key", good + "="}}).key(), "--master-key");
  EXPECT_EQ(flag_error({{"master_key", std::string(44, 'A')}}).key(), "--master-key");
}

TEST_F(ConfigTest, EffectiveDatabaseUrlDefaultsToSqliteUnderDataDir) {
  Config c;
  c.data_dir = (dir_ / "data").string();
  EXPECT_EQ(c.effective_database_url(), "sqlite://" + (dir_ / "data" / "authly.db").string());
  EXPECT_TRUE(c.effective_database_url().starts_with("sqlite:///"));
  c.data_dir = "./var";
  EXPECT_EQ(c.effective_database_url(), "sqlite://" + (fs::current_path() / "var" / "authly.db").string());
  c.database_url = "sqlite::memory:";
  EXPECT_EQ(c.effective_database_url(), "sqlite::memory:");
}

TEST_F(ConfigTest, ShowRedactsSecretsAndUrlPasswords) {
  Config c;
  c.admin_password = "hunter2-admin";
  c.master_key = std::string(43, 'Q');
  c.database_url = "postgresql://authly:db-pass-123@db:5432/authly";
  c.redis_url = "redis://:redis-pass-456@cache:6379/0";
  const auto text = show(c);
  for (const char* secret : {"hunter2-admin", "QQQQQQQQ", "db-pass-123", "redis-pass-456"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret << " leaked in:\n" << text;
  }
  EXPECT_NE(text.find("admin_password = \"<redacted>\""), std::string::npos) << text;
  EXPECT_NE(text.find("postgresql://authly:<redacted>@db:5432/authly"), std::string::npos) << text;
  EXPECT_NE(text.find("redis://:<redacted>@cache:6379/0"), std::string::npos) << text;
}

TEST_F(ConfigTest, ShowRedactsLibpqPasswordParameter) {
  Config c;
  c.database_url = "postgresql://db/authly?user=authly&password=qs-pass-789&sslmode=require";
  const auto text = show(c);
  EXPECT_EQ(text.find("qs-pass-789"), std::string::npos) << text;
  EXPECT_NE(text.find("password=<redacted>&sslmode=require"), std::string::npos) << text;
}

TEST_F(ConfigTest, ShowLeavesUnsetSecretsEmpty) {
  const auto text = show(Config{});
  EXPECT_NE(text.find("admin_password = \"\""), std::string::npos) << text;
  EXPECT_NE(text.find("master_key = \"\""), std::string::npos) << text;
}

TEST_F(ConfigTest, ShowOutputLoadsBackAsTheSameConfig) {
  Config c = load({.flags = {{"issuer", "https://auth.example.com"},
                             {"http.trusted_proxies", "10.0.0.1,10.0.0.2"},
                             {"password.algorithm", "bcrypt"},
                             {"log_format", "text"},
                             {"admin_username", "root \"quoted\""}}});
  LoadOptions o;
  o.config_file = write("shown.toml", show(c));
  const auto back = load(o);
  EXPECT_EQ(show(back), show(c));
  EXPECT_EQ(back.admin_username, "root \"quoted\"");
  EXPECT_EQ(back.http.trusted_proxies, c.http.trusted_proxies);
  EXPECT_EQ(back.password.algorithm, PasswordAlgorithm::bcrypt);
}

TEST_F(ConfigTest, KnownKeysCoverEveryLayerName) {
  const auto& keys = known_keys();
  EXPECT_EQ(keys.size(), 73u);
  for (const auto& k : keys) {
    EXPECT_FALSE(k.description.empty()) << k.key;
    // Every known key is accepted as a flag and its environment spelling is not "unknown".
    const auto e = [&]() -> std::string {
      try {
        load({.environment = {{env_name(k.key), "@@invalid@@"}}});
      } catch (const ConfigError& err) {
        return err.what();
      }
      return "";
    }();
    EXPECT_EQ(e.find("unknown"), std::string::npos) << k.key << ": " << e;
  }
  const auto secret = [&](std::string_view key) {
    for (const auto& k : keys) {
      if (k.key == key) return k.secret;
    }
    ADD_FAILURE() << key;
    return false;
  };
  EXPECT_TRUE(secret("admin_password"));
  EXPECT_TRUE(secret("master_key"));
  EXPECT_TRUE(secret("database_url"));
  EXPECT_FALSE(secret("issuer"));
}

TEST_F(ConfigTest, KeyNamesHaveEnvironmentAndFlagSpellings) {
  EXPECT_EQ(env_name("http.max_body_bytes"), "AUTHLY_HTTP_MAX_BODY_BYTES");
  EXPECT_EQ(flag_name("http.max_body_bytes"), "--http-max-body-bytes");
}

TEST_F(ConfigTest, AuthlyEnvironmentReadsOnlyAuthlyVariables) {
  ::setenv("AUTHLY_CONFIG_TEST_PROBE", "v=1", 1);
  ::setenv("NOT_AUTHLY_PROBE", "x", 1);
  const auto env = authly_environment();
  ::unsetenv("AUTHLY_CONFIG_TEST_PROBE");
  ::unsetenv("NOT_AUTHLY_PROBE");
  ASSERT_TRUE(env.contains("AUTHLY_CONFIG_TEST_PROBE"));
  EXPECT_EQ(env.at("AUTHLY_CONFIG_TEST_PROBE"), "v=1");
  for (const auto& [name, value] : env) EXPECT_TRUE(name.starts_with("AUTHLY_")) << name;
}

}  // namespace
}  // namespace authly::config

namespace authly::config {
namespace {

TEST(ConfigOAuth, DefaultsAreSecure) {
  const Config c = load({});
  EXPECT_FALSE(c.oauth.password_grant);
  EXPECT_FALSE(c.oauth.dynamic_registration);
  EXPECT_EQ(c.oauth.signing_alg, "ES256");
  EXPECT_EQ(c.oauth.authorization_code_ttl_s, 60);
}

TEST(ConfigOAuth, SigningAlgRejectsNoneAndHmac) {
  for (const char* bad : {"none", "HS256", "es256"}) {
    try {
      load({.environment = {{"AUTHLY_OAUTH_SIGNING_ALG", bad}}});
      ADD_FAILURE() << bad;
    } catch (const ConfigError& e) {
      EXPECT_EQ(e.key(), "AUTHLY_OAUTH_SIGNING_ALG");
    }
  }
  EXPECT_EQ(load({.environment = {{"AUTHLY_OAUTH_SIGNING_ALG", "EdDSA"}}}).oauth.signing_alg, "EdDSA");
}

TEST(ConfigOAuth, SectionsLoadFromToml) {
  const auto dir = std::filesystem::temp_directory_path() / "authly-config-oauth-test.toml";
  {
    std::ofstream f(dir);
    f << "[oauth]\npassword_grant = true\naccess_token_ttl_s = 120\n[session]\nidle_ttl_s = 600\n[login]\n"
         "max_failures = 3\n";
  }
  const Config c = load({.config_file = dir.string()});
  EXPECT_TRUE(c.oauth.password_grant);
  EXPECT_EQ(c.oauth.access_token_ttl_s, 120);
  EXPECT_EQ(c.session.idle_ttl_s, 600);
  EXPECT_EQ(c.login.max_failures, 3);
  std::filesystem::remove(dir);
}

TEST(ConfigOAuth, InitialAccessTokenIsRedacted) {
  const Config c = load({.environment = {{"AUTHLY_OAUTH_INITIAL_ACCESS_TOKEN", "iat-secret-value"}}});
  EXPECT_EQ(show(c).find("iat-secret-value"), std::string::npos);
}

TEST_F(ConfigTest, KeyPublicationLeadMustCoverTheJwksCacheLifetime) {
  // A key that signs before relying parties' cached JWKS could contain it fails verification there.
  try {
    load({.flags = {{"keys.jwks_max_age_s", "600"}, {"keys.publish_lead_s", "300"}}});
    FAIL() << "a publication lead shorter than the JWKS max-age was accepted";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key(), "keys.publish_lead_s");
  }
  EXPECT_NO_THROW(load({.flags = {{"keys.jwks_max_age_s", "300"}, {"keys.publish_lead_s", "300"}}}));
}

TEST_F(ConfigTest, OidcAndKeyDefaults) {
  const auto c = load({});
  EXPECT_EQ(c.oidc.id_token_ttl_s, 3600);
  EXPECT_EQ(c.keys.rotation_period_s, 90 * 86400);
  EXPECT_GE(c.keys.publish_lead_s, c.keys.jwks_max_age_s);
  EXPECT_THROW(load({.flags = {{"oidc.backchannel_attempts", "0"}}}), ConfigError);
}

}  // namespace
}  // namespace authly::config
