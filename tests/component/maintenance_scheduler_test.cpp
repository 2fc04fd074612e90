// The application's maintenance scheduler and its jobs: the purge removes what expired on the
// injected clock and keeps what lives; the thread runs each job at its interval, records failures
// and retries, and stops at once.
#include "app/maintenance_scheduler.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "app/application.hpp"
#include "app/maintenance_jobs.hpp"
#include "support/memory_store.hpp"
#include "support/process.hpp"

namespace authly::test {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

const core::TimePoint kT0 = core::from_unix(1'800'000'000);

class Maintenance : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::open_store({"sqlite::memory:", 4, 5'000});
    store_->migrate();
    store_->users().create(test_user());
    store_->clients().create(test_client("c1"));
  }

  // One row of each purged kind expiring at `expires_at`, named after `tag`.
  void add_rows(const std::string& tag, core::TimePoint expires_at) {
    store::Interaction i;
    i.id_hash = "interaction-" + tag;
    i.client_id = "c1";
    i.params = "{}";
    i.csrf_hash = "csrf";
    i.created_at = kT0;
    i.expires_at = expires_at;
    store_->interactions().create(i);
    store::AuthorizationCode code;
    code.code_hash = "code-" + tag;
    code.client_id = "c1";
    code.user_id = "u1";
    code.auth_time = code.created_at = kT0;
    code.expires_at = expires_at;
    store_->codes().create(code);
    store::Session s;
    s.id_hash = "session-" + tag;
    s.user_id = "u1";
    s.sid = "sid-" + tag;
    s.auth_time = s.created_at = s.last_seen_at = kT0;
    s.expires_at = expires_at;
    store_->sessions().create(s);
    store::RefreshToken r;
    r.token_hash = "refresh-" + tag;
    r.family_id = "family-" + tag;
    r.client_id = "c1";
    r.user_id = "u1";
    r.auth_time = r.created_at = kT0;
    r.expires_at = r.idle_expires_at = expires_at;
    store_->tokens().create_refresh(r);
    store_->tokens().deny_access_token("jti-" + tag, expires_at);
  }
  // Whether the rows of `tag` are all there (and never only some of them).
  bool present(const std::string& tag) {
    const bool interaction = store_->interactions().find_active("interaction-" + tag, kT0 - hours(24)).has_value();
    const bool code = store_->codes().find("code-" + tag).has_value();
    const bool session = store_->sessions().find("session-" + tag).has_value();
    const bool refresh = store_->tokens().find_refresh("refresh-" + tag).has_value();
    const bool denied = store_->tokens().is_access_token_denied("jti-" + tag);
    EXPECT_TRUE(interaction == code && code == session && session == refresh && refresh == denied) << tag;
    return interaction && code && session && refresh && denied;
  }

  core::FixedClock clock_{kT0};
  std::unique_ptr<store::Store> store_;
};

TEST_F(Maintenance, ExpiredRowsDisappearAfterARun) {
  for (int i = 0; i < 5; ++i) add_rows("old-" + std::to_string(i), kT0 + hours(1));
  add_rows("live", kT0 + hours(3));
  const std::int64_t batch = 2;  // small batches: several rounds

  EXPECT_EQ(app::purge_expired(*store_, clock_, batch).total(), 0);  // nothing has expired yet on the fake clock
  EXPECT_TRUE(present("old-0"));

  clock_.advance(hours(2));
  const auto counts = app::purge_expired(*store_, clock_, batch);
  EXPECT_EQ(counts.interactions, 5);
  EXPECT_EQ(counts.codes, 5);
  EXPECT_EQ(counts.sessions, 5);
  EXPECT_EQ(counts.refresh_tokens, 5);
  EXPECT_EQ(counts.deny_list, 5);
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(present("old-" + std::to_string(i))) << i;
  EXPECT_TRUE(present("live"));
  EXPECT_EQ(app::purge_expired(*store_, clock_, batch).total(), 0);
}

TEST_F(Maintenance, TheThreadPurgesOnItsOwnAndStops) {
  add_rows("old", kT0 - hours(1));
  add_rows("live", kT0 + hours(1));
  app::MaintenanceScheduler scheduler;
  observability::MetricsRegistry metrics;
  app::add_purge_job(scheduler, *store_, clock_, seconds(1), 100, metrics);
  EXPECT_NE(metrics.render().find("authly_purged_rows_total{table=\"interactions\"} 0\n"), std::string::npos);
  scheduler.start();
  EXPECT_TRUE(scheduler.running());
  // A generous bound for a run that is due after one second.
  for (int i = 0; i < 100 && present("old"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  scheduler.stop();
  EXPECT_FALSE(scheduler.running());
  EXPECT_FALSE(present("old"));
  EXPECT_TRUE(present("live"));
  const auto status = scheduler.status();
  ASSERT_EQ(status.size(), 1u);
  EXPECT_EQ(status[0].name, app::kPurgeJob);
  EXPECT_GE(status[0].runs, 1u);
  EXPECT_EQ(status[0].failures, 0u);
  EXPECT_NE(status[0].last_success, std::chrono::system_clock::time_point{});
  // What the run removed is counted per table (item 7 of the operations issue: rows purged).
  EXPECT_EQ(metrics.render().find("authly_purged_rows_total{table=\"interactions\"} 0\n"), std::string::npos);
  EXPECT_NE(metrics.render().find("authly_purged_rows_total{table=\"interactions\"} "), std::string::npos);
}

TEST_F(Maintenance, StopDoesNotWaitForTheInterval) {
  app::MaintenanceScheduler scheduler;
  observability::MetricsRegistry metrics;
  app::add_purge_job(scheduler, *store_, clock_, hours(24), 100, metrics);
  scheduler.start();
  scheduler.stop();  // returns at once (a hang here would time the test out)
  EXPECT_FALSE(scheduler.running());
}

TEST_F(Maintenance, IntervalZeroTurnsItOff) {
  app::MaintenanceScheduler scheduler;
  observability::MetricsRegistry metrics;
  app::add_purge_job(scheduler, *store_, clock_, seconds(0), 100, metrics);
  scheduler.start();
  EXPECT_FALSE(scheduler.running());
}

TEST(MaintenanceJobs, AFailingJobIsCountedAndRunsAgainNextInterval) {
  app::MaintenanceScheduler scheduler;
  std::atomic<int> calls{0};
  scheduler.add("flaky", seconds(1), [&](const std::function<bool()>&) {
    if (calls.fetch_add(1) == 0) throw std::runtime_error("database unavailable");
  });
  scheduler.start();
  for (int i = 0; i < 100 && calls.load() < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  scheduler.stop();
  const auto status = scheduler.status().at(0);
  EXPECT_GE(status.runs, 2u);
  EXPECT_EQ(status.failures, 1u);
  EXPECT_NE(status.last_success, std::chrono::system_clock::time_point{});
}

TEST(MaintenanceJobs, RunNowRunsOnTheCallingThreadAndPropagatesFailures) {
  app::MaintenanceScheduler scheduler;
  std::thread::id ran_on;
  scheduler.add("here", seconds(0), [&](const std::function<bool()>& stopping) {
    EXPECT_FALSE(stopping());
    ran_on = std::this_thread::get_id();
  });
  scheduler.add("broken", seconds(0), [](const std::function<bool()>&) { throw std::runtime_error("no"); });
  scheduler.run_now("here");
  EXPECT_EQ(ran_on, std::this_thread::get_id());
  EXPECT_THROW(scheduler.run_now("broken"), std::runtime_error);
  EXPECT_THROW(scheduler.run_now("absent"), std::invalid_argument);
  EXPECT_THROW(scheduler.add("here", seconds(1), [](const std::function<bool()>&) {}), std::logic_error);
  EXPECT_EQ(scheduler.status().at(1).failures, 1u);
}

// An application on SQLite :memory: with its data directory in `dir`, fast password hashing.
config::Config app_config(const TempDir& dir) {
  config::Config c;
  c.database_url = "sqlite::memory:";
  c.data_dir = dir.path();
  c.password.argon2_ops_limit = 1;
  c.password.argon2_mem_limit_kib = 8;
  return c;
}

std::vector<std::string> job_names(app::Application& app) {
  std::vector<std::string> jobs;
  for (const auto& job : app.maintenance().status()) jobs.push_back(job.name);
  return jobs;
}

TEST(AppMaintenance, TheApplicationOwnsTheScheduler) {
  TempDir dir;
  auto c = app_config(dir);
  c.database.purge_interval_s = 3600;
  app::Application app(c);
  app.bootstrap();
  EXPECT_FALSE(app.maintenance().running());  // only `serve` starts it
  EXPECT_EQ(job_names(app), (std::vector<std::string>{app::kPurgeJob, app::kRateLimitSyncJob, app::kSigningKeysJob}));
  app.start_maintenance();
  EXPECT_TRUE(app.maintenance().running());
  app.stop_maintenance();
  EXPECT_FALSE(app.maintenance().running());
  app.start_maintenance();  // and the destructor stops it
}

TEST(AppMaintenance, TheSchedulerRefreshesThePublishedDocuments) {
  TempDir dir;
  app::Application app(app_config(dir));
  app.bootstrap();
  auto router = app.build_router({});
  const auto jobs = job_names(app);
  EXPECT_NE(std::find(jobs.begin(), jobs.end(), app::kJwksDocumentJob), jobs.end());
  EXPECT_NE(std::find(jobs.begin(), jobs.end(), app::kDiscoveryDocumentJob), jobs.end());
  router = app.build_router({});  // a rebuilt router does not add the jobs twice, and is the one refreshed

  auto discovery = [&router] {
    http::Request req;
    req.method = http::Method::get;
    req.target = req.path = "/.well-known/openid-configuration";
    return router.match(http::Method::get, req.path).route->handler(req).body;
  };
  ASSERT_TRUE(app.scopes().create("inventory", "Read the inventory", false, "test"));
  EXPECT_EQ(discovery().find("inventory"), std::string::npos);  // served from memory until refreshed
  app.maintenance().run_now(app::kDiscoveryDocumentJob);
  EXPECT_NE(discovery().find("inventory"), std::string::npos);
}

}  // namespace
}  // namespace authly::test
