// Configuration of the per-IP limits and the purge of expired rows: defaults and ranges.
#include <gtest/gtest.h>

#include "config/config.hpp"

namespace authly::config {
namespace {

TEST(RateLimitAndPurgeKeys, DefaultsAreSensible) {
  const Config c = load({});
  EXPECT_EQ(c.oauth.authorize_per_ip_per_minute, 120);
  EXPECT_EQ(c.oauth.registrations_per_ip_per_hour, 20);
  EXPECT_EQ(c.database.purge_interval_s, 300);
  EXPECT_EQ(c.database.purge_batch_size, 500);
  EXPECT_EQ(c.password.max_concurrent_hashes, 4);
}

TEST(RateLimitAndPurgeKeys, EveryLayerSetsThem) {
  const Config c = load(
      {.environment = {{"AUTHLY_OAUTH_AUTHORIZE_PER_IP_PER_MINUTE", "7"}, {"AUTHLY_DATABASE_PURGE_INTERVAL_S", "0"}},
       .flags = {{"oauth.registrations_per_ip_per_hour", "3"}, {"database.purge_batch_size", "50"}}});
  EXPECT_EQ(c.oauth.authorize_per_ip_per_minute, 7);
  EXPECT_EQ(c.oauth.registrations_per_ip_per_hour, 3);
  EXPECT_EQ(c.database.purge_interval_s, 0);  // 0 turns purging off
  EXPECT_EQ(c.database.purge_batch_size, 50);
}

TEST(RateLimitAndPurgeKeys, OutOfRangeValuesNameTheKey) {
  const auto key_of = [](std::map<std::string, std::string> flags) {
    try {
      load({.flags = std::move(flags)});
    } catch (const ConfigError& e) {
      return e.key();
    }
    return std::string();
  };
  EXPECT_EQ(key_of({{"oauth.authorize_per_ip_per_minute", "0"}}), "--oauth-authorize-per-ip-per-minute");
  EXPECT_EQ(key_of({{"oauth.registrations_per_ip_per_hour", "-1"}}), "--oauth-registrations-per-ip-per-hour");
  EXPECT_EQ(key_of({{"database.purge_interval_s", "-1"}}), "--database-purge-interval-s");
  EXPECT_EQ(key_of({{"database.purge_batch_size", "0"}}), "--database-purge-batch-size");
}

}  // namespace
}  // namespace authly::config
