#pragma once
// A private redis-server (Debian's package) on a free loopback port, owned by one test, so the test
// can stop and restart it without disturbing the suite's shared Redis.
#include <cstdint>
#include <memory>
#include <string>

#include "support/process.hpp"

namespace authly::test {

class RedisServer {
 public:
  RedisServer();  // started; throws std::runtime_error if it does not answer within 10 s
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  std::uint16_t port() const noexcept { return port_; }
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_) + "/0"; }
  void stop();   // SIGTERM, then waits for the exit
  void start();  // on the same port

 private:
  TempDir dir_;
  std::uint16_t port_ = 0;
  std::unique_ptr<ChildProcess> child_;
};

}  // namespace authly::test
