// Back-channel logout delivery (OIDC Back-Channel Logout 1.0 §2.5, §2.8): one worker thread drains
// a queue of logout tokens so that ending a session never waits on a relying party. Each attempt
// is bounded by oidc.backchannel_timeout_ms; a failed one is retried after a doubling delay, at most
// oidc.backchannel_attempts times. Outcomes are logged with the client id and URI, never the token.
#include "oidc/backchannel.hpp"

#include <curl/curl.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "observability/logger.hpp"

namespace authly::oidc {
namespace {

using Clock = std::chrono::steady_clock;

struct Pending {
  LogoutDelivery delivery;
  int attempt = 0;  // attempts already made
  Clock::time_point due{};
};

std::size_t discard(char*, std::size_t size, std::size_t n, void*) { return size * n; }

// One POST; the HTTP status, or 0 when no response arrived (connect failure, timeout).
long post_logout_token(const LogoutDelivery& d, long timeout_ms) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return 0;
  CURL* c = curl.get();
  char* escaped = curl_easy_escape(c, d.logout_token.data(), static_cast<int>(d.logout_token.size()));
  if (!escaped) return 0;
  const std::string body = std::string("logout_token=") + escaped;
  curl_free(escaped);
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/x-www-form-urlencoded");
  curl_easy_setopt(c, CURLOPT_URL, d.uri.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);  // §2.8 has no redirects; following one could leak the token
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "authly");
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &discard);
  const auto rc = curl_easy_perform(c);
  curl_slist_free_all(headers);
  if (rc != CURLE_OK) return 0;
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  return status;
}

class CurlBackchannelSender final : public BackchannelSender {
 public:
  explicit CurlBackchannelSender(const config::OidcConfig& config)
      : timeout_ms_(config.backchannel_timeout_ms),
        attempts_(config.backchannel_attempts),
        first_delay_(config.backchannel_retry_delay_ms) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    worker_ = std::thread([this] { run(); });
  }

  ~CurlBackchannelSender() override {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    worker_.join();
  }

  void enqueue(LogoutDelivery delivery) override {
    {
      std::lock_guard lock(mutex_);
      queue_.push_back({std::move(delivery), 0, Clock::now()});
    }
    wake_.notify_all();
  }

  bool drain(std::chrono::milliseconds timeout) override {
    std::unique_lock lock(mutex_);
    return idle_.wait_for(lock, timeout, [this] { return queue_.empty() && in_flight_ == 0; });
  }

 private:
  void run() {
    std::unique_lock lock(mutex_);
    while (true) {
      if (stopping_) return;
      if (queue_.empty()) {
        idle_.notify_all();
        wake_.wait(lock);
        continue;
      }
      // The entry due soonest; entries waiting for a retry do not hold up new ones.
      auto next = queue_.begin();
      for (auto it = queue_.begin(); it != queue_.end(); ++it)
        if (it->due < next->due) next = it;
      if (next->due > Clock::now()) {
        wake_.wait_until(lock, next->due);
        continue;
      }
      Pending job = std::move(*next);
      queue_.erase(next);
      ++in_flight_;
      lock.unlock();
      const long status = post_logout_token(job.delivery, timeout_ms_);
      ++job.attempt;
      lock.lock();
      --in_flight_;
      finish(std::move(job), status);
    }
  }

  // Called with the lock held.
  void finish(Pending job, long status) {
    boost::json::object fields{
        {"client_id", job.delivery.client_id}, {"uri", job.delivery.uri}, {"attempt", job.attempt}, {"status", status}};
    if (status == 200 || status == 204) {
      observability::info("backchannel_logout.delivered", fields);
      return;
    }
    if (job.attempt >= attempts_) {
      observability::warn("backchannel_logout.failed", fields);
      return;
    }
    observability::debug("backchannel_logout.retry", fields);
    job.due = Clock::now() + first_delay_ * (1 << (job.attempt - 1));
    queue_.push_back(std::move(job));
  }

  const long timeout_ms_;
  const int attempts_;
  const std::chrono::milliseconds first_delay_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<Pending> queue_;
  int in_flight_ = 0;
  bool stopping_ = false;
  std::thread worker_;  // last: started after every other member exists
};

}  // namespace

std::unique_ptr<BackchannelSender> make_backchannel_sender(const config::OidcConfig& config) {
  return std::make_unique<CurlBackchannelSender>(config);
}

}  // namespace authly::oidc
