#pragma once
// A password hasher that holds its first verification until the test releases it, so that a test
// can fill the hashing capacity deterministically and see what the next login gets.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "crypto/password.hpp"

namespace authly::test {

class HoldingHasher final : public crypto::PasswordHasher {
 public:
  explicit HoldingHasher(const crypto::PasswordPolicy& policy) : PasswordHasher(policy) {}
  ~HoldingHasher() override { release(); }

  bool verify(std::string_view password, std::string_view stored_hash) const override {
    const int now_running = ++running_;
    for (int seen = max_running_.load();
         now_running > seen && !max_running_.compare_exchange_weak(seen, now_running);) {
    }
    if (!held_.exchange(true)) {
      std::unique_lock lock(mutex_);
      entered_ = true;
      cv_.notify_all();
      cv_.wait_for(lock, std::chrono::seconds(20), [this] { return released_; });
    }
    const bool ok = PasswordHasher::verify(password, stored_hash);
    --running_;
    return ok;
  }

  // True once the first verification is being held (false after `timeout`).
  bool wait_until_holding(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [this] { return entered_; });
  }
  void release() {
    std::lock_guard lock(mutex_);
    released_ = true;
    cv_.notify_all();
  }
  // The most verifications that ever ran at the same time.
  int max_running() const { return max_running_.load(); }

 private:
  mutable std::atomic<bool> held_{false};
  mutable std::atomic<int> running_{0};
  mutable std::atomic<int> max_running_{0};
  mutable std::mutex mutex_;
  mutable std::condition_variable cv_;
  mutable bool entered_ = false;
  bool released_ = false;
};

}  // namespace authly::test
