#pragma once
// A TCP listener on 127.0.0.1 that accepts every connection and never answers: a remote server
// that hangs. It counts the connections it accepted and keeps them open until close().
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace authly::test {

class HangingListener {
 public:
  HangingListener();
  ~HangingListener();
  HangingListener(const HangingListener&) = delete;
  HangingListener& operator=(const HangingListener&) = delete;

  std::uint16_t port() const { return port_; }
  int accepted() const { return accepted_.load(); }
  // Stops accepting and closes every accepted connection (the peer sees EOF or a reset).
  void close();

 private:
  void loop();

  int listener_ = -1;
  int wake_[2] = {-1, -1};
  std::uint16_t port_ = 0;
  std::atomic<int> accepted_{0};
  std::mutex mutex_;
  std::vector<int> connections_;
  std::thread thread_;
};

}  // namespace authly::test
