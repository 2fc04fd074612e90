// `authly serve` purges expired rows on its own (database.purge_interval_s): expired codes,
// interactions, sessions, refresh tokens and deny-list entries disappear while the server runs;
// live rows stay.
#include <gtest/gtest.h>
#include <signal.h>

#include <thread>

#include "store/store.hpp"
#include "store_fixture.hpp"
#include "support/process.hpp"
#include "support/scratch_database.hpp"

namespace authly::test {
namespace {

using std::chrono::hours;

class ServePurge : public ::testing::TestWithParam<std::string> {};

INSTANTIATE_TEST_SUITE_P(Backends, ServePurge, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST_P(ServePurge, ExpiredRowsDisappearWhileServing) {
  ScratchDatabase db(GetParam());
  AuthlyServer server(base_env({{"AUTHLY_DATABASE_URL", db.url()},
                                {"AUTHLY_DATA_DIR", db.data_dir()},
                                {"AUTHLY_DATABASE_PURGE_INTERVAL_S", "1"}}));
  auto store = store::open_store({db.url(), 2, 5'000});
  const auto now = std::chrono::system_clock::now();
  const auto past = now - hours(2);
  const auto future = now + hours(2);
  store->clients().create(make_client("purge-client"));
  store->users().create(make_user("purge-user", "purge-user", "purge@example.com"));

  store::Interaction interaction;
  interaction.client_id = "purge-client";
  interaction.params = "{}";
  interaction.csrf_hash = "csrf";
  interaction.created_at = past - hours(1);
  for (const auto& [hash, expires] : {std::pair{"old-interaction", past}, std::pair{"new-interaction", future}}) {
    interaction.id_hash = hash;
    interaction.expires_at = expires;
    store->interactions().create(interaction);
  }
  store->codes().create(make_code("old-code", "purge-client", "purge-user", past));
  store->codes().create(make_code("new-code", "purge-client", "purge-user", future));
  store->sessions().create(make_session("old-session", "purge-user", past));
  store->sessions().create(make_session("new-session", "purge-user", future));
  auto refresh = make_refresh("old-refresh", "fam-old", "purge-client", "purge-user", "");
  refresh.expires_at = refresh.idle_expires_at = past;
  store->tokens().create_refresh(refresh);
  refresh = make_refresh("new-refresh", "fam-new", "purge-client", "purge-user", "");
  refresh.expires_at = refresh.idle_expires_at = future;
  store->tokens().create_refresh(refresh);
  store->tokens().deny_access_token("old-jti", past);
  store->tokens().deny_access_token("new-jti", future);

  auto purged = [&] {
    return !store->interactions().find_active("old-interaction", past - hours(1)) && !store->codes().find("old-code") &&
           !store->sessions().find("old-session") && !store->tokens().find_refresh("old-refresh") &&
           !store->tokens().is_access_token_denied("old-jti");
  };
  // A generous bound: the server purges every second.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (!purged() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_FALSE(store->interactions().find_active("old-interaction", past - hours(1)));
  EXPECT_FALSE(store->codes().find("old-code"));
  EXPECT_FALSE(store->sessions().find("old-session"));
  EXPECT_FALSE(store->tokens().find_refresh("old-refresh"));
  EXPECT_FALSE(store->tokens().is_access_token_denied("old-jti"));

  EXPECT_TRUE(store->interactions().find_active("new-interaction", now));
  EXPECT_TRUE(store->codes().find("new-code"));
  EXPECT_TRUE(store->sessions().find("new-session"));
  EXPECT_TRUE(store->tokens().find_refresh("new-refresh"));
  EXPECT_TRUE(store->tokens().is_access_token_denied("new-jti"));

  server.process().send_signal(SIGTERM);
  EXPECT_EQ(server.process().wait_for(std::chrono::seconds(20)), 0);
  EXPECT_NE(server.process().err().find("maintenance.purged"), std::string::npos) << server.process().err();
}

}  // namespace
}  // namespace authly::test
