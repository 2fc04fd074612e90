// Issuing tokens writes no audit row on the request path: `authly serve` queues the events and its
// background writer commits them in batches; SIGTERM writes every queued event before the process
// exits, on both backends.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <boost/json/parse.hpp>
#include <thread>
#include <vector>

#include "store/store.hpp"
#include "support/process.hpp"
#include "support/raw_http.hpp"
#include "support/scratch_database.hpp"

namespace authly::test {
namespace {

constexpr int kThreads = 4;
constexpr int kTokensPerThread = 50;

class AuditFlushOnShutdown : public ::testing::TestWithParam<std::string> {};

INSTANTIATE_TEST_SUITE_P(Backends, AuditFlushOnShutdown, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

std::size_t issued_for(store::Store& store, const std::string& client_id) {
  std::size_t n = 0;
  for (const auto& e : store.audit().list_recent(10'000))
    if (e.type == "token.issued" && e.actor == client_id) ++n;
  return n;
}

TEST_P(AuditFlushOnShutdown, EveryTokenIssuedUnderLoadHasItsAuditEventAfterSigterm) {
  ScratchDatabase db(GetParam());
  // No interval write during the test: only SIGTERM can have written the events.
  const Env env = base_env({{"AUTHLY_DATABASE_URL", db.url()},
                            {"AUTHLY_DATA_DIR", db.data_dir()},
                            {"AUTHLY_AUDIT_FLUSH_INTERVAL_MS", "60000"},
                            {"AUTHLY_AUDIT_BATCH_SIZE", "100000"}});
  AuthlyServer server(env);
  auto client = run_authly({"client", "create", "--name", "svc", "--grant-type", "client_credentials", "--auth-method",
                            "client_secret_post", "--json"},
                           env);
  ASSERT_EQ(client.exit_code, 0) << client.err;
  const auto c = boost::json::parse(client.out);
  const std::string id(c.at("client_id").as_string());
  const std::string secret(c.at("client_secret").as_string());

  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kTokensPerThread; ++i) {
        auto r = post_form(server.port(), "/auth/token",
                           "grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret);
        if (r.status == 200) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  ASSERT_EQ(ok.load(), kThreads * kTokensPerThread);

  auto store = store::open_store({db.url(), 1, 5'000});
  EXPECT_EQ(issued_for(*store, id), 0u);  // queued in the server, not written by the requests

  server.process().send_signal(SIGTERM);
  ASSERT_EQ(server.process().wait_for(std::chrono::seconds(30)), 0) << server.process().err();
  EXPECT_EQ(issued_for(*store, id), static_cast<std::size_t>(kThreads * kTokensPerThread));
}

}  // namespace
}  // namespace authly::test
