#include "outbound/backchannel_delivery.hpp"

#include <cctype>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "observability/logger.hpp"
#include "oidc/backchannel_retry.hpp"
#include "outbound/http_client.hpp"

namespace authly::outbound {
namespace {

using Clock = std::chrono::steady_clock;

struct Pending {
  oidc::LogoutDelivery delivery;
  std::string host_key;  // host:port, for the per-host cap
  int attempt = 0;       // attempts already made
};

// application/x-www-form-urlencoded `logout_token=<token>` (a JWT is base64url and dots, but any
// token must arrive intact as one form value).
std::string form_body(const std::string& token) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string body = "logout_token=";
  for (const unsigned char c : token) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      body += static_cast<char>(c);
    } else {
      body += '%';
      body += kHex[c >> 4];
      body += kHex[c & 0x0f];
    }
  }
  return body;
}

std::string host_key(const oidc::LogoutDelivery& d) {
  auto url = oauth::parse_outbound_url(d.uri, d.registrar);
  return url ? url->host + ":" + std::to_string(url->port) : std::string();
}

class CurlBackchannelSender final : public oidc::BackchannelSender {
 public:
  explicit CurlBackchannelSender(const config::OidcConfig& config)
      : timeout_(config.backchannel_timeout_ms),
        retry_{config.backchannel_attempts, std::chrono::milliseconds(config.backchannel_retry_delay_ms)},
        queue_limit_(static_cast<std::size_t>(config.backchannel_queue_limit)),
        per_host_(config.backchannel_per_host) {
    for (int i = 0; i < config.backchannel_concurrency; ++i) workers_.emplace_back([this] { run(); });
  }

  ~CurlBackchannelSender() override {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (auto& w : workers_) w.join();
  }

  void enqueue(oidc::LogoutDelivery delivery) override {
    {
      std::lock_guard lock(mutex_);
      if (queue_.size() >= queue_limit_) {
        ++counts_.dropped;
        observability::warn("backchannel_logout.dropped",
                            {{"client_id", delivery.client_id}, {"uri", delivery.uri}, {"reason", "queue full"}});
        return;
      }
      auto key = host_key(delivery);
      queue_.emplace(Clock::now(), Pending{std::move(delivery), std::move(key), 0});
    }
    wake_.notify_one();
  }

  bool drain(std::chrono::milliseconds timeout) override {
    std::unique_lock lock(mutex_);
    return idle_.wait_for(lock, timeout, [this] { return queue_.empty() && in_flight_ == 0; });
  }

  oidc::DeliveryCounts counts() const override {
    std::lock_guard lock(mutex_);
    auto counts = counts_;
    counts.queued = queue_.size();
    return counts;
  }

 private:
  // The soonest-due entry whose host has a free slot; end() when none.
  std::multimap<Clock::time_point, Pending>::iterator next_eligible() {
    for (auto it = queue_.begin(); it != queue_.end(); ++it) {
      auto busy = by_host_.find(it->second.host_key);
      if (busy == by_host_.end() || busy->second < per_host_) return it;
    }
    return queue_.end();
  }

  void run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      if (queue_.empty() && in_flight_ == 0) idle_.notify_all();
      auto next = next_eligible();
      if (next == queue_.end()) {
        wake_.wait(lock);  // a new entry, or a slot freed on a busy host
        continue;
      }
      if (next->first > Clock::now()) {
        // A copy: wait_until reads its deadline again after waking, and while this worker waits
        // (the lock released) another one may take the entry and free its node.
        const Clock::time_point due = next->first;
        wake_.wait_until(lock, due);
        continue;
      }
      Pending job = std::move(next->second);
      queue_.erase(next);
      ++in_flight_;
      ++by_host_[job.host_key];
      lock.unlock();
      const auto response = post(job.delivery);
      lock.lock();
      ++job.attempt;
      if (--by_host_[job.host_key] == 0) by_host_.erase(job.host_key);
      --in_flight_;
      finish(std::move(job), response);
      wake_.notify_all();  // a host slot is free; drain() may be waiting
      if (queue_.empty() && in_flight_ == 0) idle_.notify_all();
    }
  }

  OutboundResponse post(const oidc::LogoutDelivery& d) const {
    OutboundRequest request;
    request.url = d.uri;
    request.registrar = d.registrar;
    request.method = "POST";
    request.body = form_body(d.logout_token);
    request.content_type = "application/x-www-form-urlencoded";
    request.timeout = timeout_;
    request.max_response_bytes = 16 * 1024;  // the answer is not read; a large one is the RP's problem
    return perform(request);
  }

  // Called with the lock held. Outcomes are logged with the client id and URI, never the token.
  void finish(Pending job, const OutboundResponse& response) {
    boost::json::object fields{{"client_id", job.delivery.client_id},
                               {"uri", job.delivery.uri},
                               {"attempt", job.attempt},
                               {"status", response.status}};
    if (oidc::backchannel_delivered(response.status)) {
      ++counts_.delivered;
      observability::info("backchannel_logout.delivered", fields);
      return;
    }
    if (!response.error.empty()) fields["error"] = response.error;
    if (response.refused) {  // the address policy will refuse it again
      ++counts_.refused;
      observability::warn("backchannel_logout.refused", fields);
      return;
    }
    const auto delay = oidc::backchannel_retry_delay(job.attempt, response.status, retry_);
    if (!delay) {
      ++counts_.failed;
      observability::warn("backchannel_logout.failed", fields);
      return;
    }
    ++counts_.retries;
    observability::debug("backchannel_logout.retry", fields);
    queue_.emplace(Clock::now() + *delay, std::move(job));
  }

  const std::chrono::milliseconds timeout_;
  const oidc::BackchannelRetryPolicy retry_;
  const std::size_t queue_limit_;
  const int per_host_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::multimap<Clock::time_point, Pending> queue_;  // by due time
  std::map<std::string, int> by_host_;               // deliveries in flight per host:port
  int in_flight_ = 0;
  bool stopping_ = false;
  oidc::DeliveryCounts counts_;       // under mutex_ (queued is filled in by counts())
  std::vector<std::thread> workers_;  // last: started after every other member exists
};

}  // namespace

std::unique_ptr<oidc::BackchannelSender> make_backchannel_sender(const config::OidcConfig& config) {
  return std::make_unique<CurlBackchannelSender>(config);
}

}  // namespace authly::outbound
