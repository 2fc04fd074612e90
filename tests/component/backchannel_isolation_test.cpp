// Back-channel logout delivery (outbound/backchannel_delivery.hpp) against real sockets: relying
// parties that accept and never answer hold their own deliveries only; the queue is bounded; one
// host gets a bounded share of the deliveries; the address policy holds at delivery time.
#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <thread>

#include "config/config.hpp"
#include "http/form.hpp"
#include "http/server/server.hpp"
#include "outbound/backchannel_delivery.hpp"
#include "support/hanging_listener.hpp"

namespace authly::test {
namespace {

using namespace std::chrono_literals;
using oauth::Registrar;

// A relying party's back-channel endpoints: each path answers its status (by default /bc, 200) and
// records the logout_token of every request it received.
class Receiver {
 public:
  explicit Receiver(std::map<std::string, int> answers = {{"/bc", 200}}) {
    http::Router router;
    for (const auto& [path, status] : answers) {
      router.add(http::Method::post, path, [this, path, status](http::Request& req) {
        std::lock_guard lock(mutex_);
        auto form = http::FormParams::parse(req.body);
        tokens_[path].emplace_back(form ? std::string(form->get("logout_token").value_or("")) : "");
        http::Response r;
        r.status = status;
        return r;
      });
    }
    http::ServerOptions options;
    options.port = 0;
    options.io_threads = 1;
    options.blocking_threads = 1;
    server_ = std::make_unique<http::Server>(options, std::move(router), std::vector<http::Middleware>{});
    server_->start();
    thread_ = std::thread([this] { server_->run_until_stopped(); });
  }
  ~Receiver() {
    server_->stop();
    thread_.join();
  }
  std::string uri(const std::string& path = "/bc") const {
    return "http://127.0.0.1:" + std::to_string(server_->port()) + path;
  }
  std::vector<std::string> tokens(const std::string& path = "/bc") {
    std::lock_guard lock(mutex_);
    return tokens_[path];
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::vector<std::string>> tokens_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
};

std::string uri_of(const HangingListener& l) { return "http://127.0.0.1:" + std::to_string(l.port()) + "/bc"; }

template <class Pred>
bool eventually(Pred pred, std::chrono::milliseconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (!pred()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

config::OidcConfig hanging_config() {
  config::OidcConfig c;
  c.backchannel_timeout_ms = 30'000;  // a hanging RP holds its delivery this long
  c.backchannel_attempts = 1;
  return c;
}

TEST(BackchannelIsolation, HangingRelyingPartiesDoNotDelayAHealthyOne) {
  HangingListener hanging[4];
  Receiver healthy;
  auto sender = outbound::make_backchannel_sender(hanging_config());
  for (int i = 0; i < 4; ++i)
    sender->enqueue(
        {std::string("hang-").append(1, char('0' + i)), uri_of(hanging[i]), "token-hang", Registrar::administrator});
  // Let the four hanging deliveries start (with one delivery thread, only the first would).
  eventually(
      [&] {
        return hanging[0].accepted() + hanging[1].accepted() + hanging[2].accepted() + hanging[3].accepted() == 4;
      },
      2s);
  const auto start = std::chrono::steady_clock::now();
  sender->enqueue({"rp", healthy.uri(), "token-rp", Registrar::administrator});
  // Generous guard, far below the 30 s a hanging delivery holds its thread.
  EXPECT_TRUE(eventually([&] { return !healthy.tokens().empty(); }, 10s));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
  EXPECT_EQ(healthy.tokens(), std::vector<std::string>{"token-rp"});
  for (auto& h : hanging) h.close();  // the hanging RPs go away: their attempts end
  EXPECT_TRUE(sender->drain(20s));
  EXPECT_EQ(sender->counts().dropped, 0u);
}

TEST(BackchannelIsolation, OneHostGetsAtMostItsShareOfDeliveries) {
  HangingListener hanging;
  Receiver healthy;
  auto c = hanging_config();
  c.backchannel_concurrency = 4;
  c.backchannel_per_host = 2;
  auto sender = outbound::make_backchannel_sender(c);
  for (const char* token : {"t0", "t1", "t2", "t3", "t4", "t5"})
    sender->enqueue({"hang", uri_of(hanging), token, Registrar::administrator});
  sender->enqueue({"rp", healthy.uri(), "token-rp", Registrar::administrator});
  EXPECT_TRUE(eventually([&] { return !healthy.tokens().empty(); }, 10s));
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(hanging.accepted(), 2);  // oidc.backchannel_per_host
  hanging.close();
  EXPECT_TRUE(sender->drain(20s));
}

TEST(BackchannelIsolation, FullQueueDropsAndCounts) {
  HangingListener hanging;
  auto c = hanging_config();
  c.backchannel_concurrency = 1;
  c.backchannel_queue_limit = 2;
  auto sender = outbound::make_backchannel_sender(c);
  sender->enqueue({"hang", uri_of(hanging), "t0", Registrar::administrator});
  ASSERT_TRUE(eventually([&] { return hanging.accepted() == 1; }, 10s));  // t0 in flight, queue empty
  sender->enqueue({"hang", uri_of(hanging), "t1", Registrar::administrator});
  sender->enqueue({"hang", uri_of(hanging), "t2", Registrar::administrator});
  EXPECT_EQ(sender->counts().dropped, 0u);
  EXPECT_EQ(sender->counts().queued, 2u);
  sender->enqueue({"hang", uri_of(hanging), "t3", Registrar::administrator});
  EXPECT_EQ(sender->counts().dropped, 1u);
  EXPECT_EQ(sender->counts().queued, 2u);
  hanging.close();
  EXPECT_TRUE(sender->drain(20s));
}

TEST(BackchannelIsolation, SelfRegisteredClientsNeverReachLoopback) {
  Receiver rp;
  auto sender = outbound::make_backchannel_sender(hanging_config());
  // Both spellings that registration once let through, and the URL as stored before the rule.
  auto upper = rp.uri();
  upper.replace(0, 4, "HTTP");
  sender->enqueue({"anon", upper, "token-anon", Registrar::self});
  sender->enqueue({"anon", rp.uri(), "token-anon", Registrar::self});
  EXPECT_TRUE(sender->drain(10s));
  EXPECT_TRUE(rp.tokens().empty());
  // The administrator's client at the same URL is delivered to.
  sender->enqueue({"admin", upper, "token-admin", Registrar::administrator});
  EXPECT_TRUE(sender->drain(10s));
  EXPECT_EQ(rp.tokens(), std::vector<std::string>{"token-admin"});
}

// Each delivery ends counted once under its outcome: answered 200, answered 400 (§2.8: not
// retried), an address the policy forbids a self-registered client (loopback), and one retry
// before giving up on a relying party that answers 503 twice.
TEST(BackchannelIsolation, EveryDeliveryIsCountedByOutcome) {
  Receiver healthy;
  Receiver refusing({{"/bad", 400}, {"/busy", 503}});
  config::OidcConfig c;
  c.backchannel_attempts = 2;
  c.backchannel_retry_delay_ms = 10;
  auto sender = outbound::make_backchannel_sender(c);
  sender->enqueue({"rp", healthy.uri(), "t-ok", Registrar::administrator});
  sender->enqueue({"bad", refusing.uri("/bad"), "t-bad", Registrar::administrator});
  sender->enqueue({"busy", refusing.uri("/busy"), "t-busy", Registrar::administrator});
  sender->enqueue({"self", healthy.uri(), "t-self", Registrar::self});
  EXPECT_TRUE(sender->drain(20s));

  const auto counts = sender->counts();
  EXPECT_EQ(counts.delivered, 1u);
  EXPECT_EQ(counts.failed, 2u);  // /bad at once, /busy after its second attempt
  EXPECT_EQ(counts.refused, 1u);
  EXPECT_EQ(counts.retries, 1u);
  EXPECT_EQ(counts.dropped, 0u);
  EXPECT_EQ(counts.queued, 0u);
  EXPECT_EQ(refusing.tokens("/busy").size(), 2u);
  EXPECT_EQ(healthy.tokens(), std::vector<std::string>{"t-ok"});
}

}  // namespace
}  // namespace authly::test
