#pragma once
// A small synchronous Redis client over hiredis, for the blocking pool only. It is what instances
// share: readiness, and later rate limits, deny-list mirror and cache invalidation.
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace authly::cache {

struct RedisEndpoint {
  std::string host = "127.0.0.1";
  int port = 6379;
  int db = 0;
  std::string password;  // never logged
};

// Parses redis://[[user]:password@]host[:port][/db]; throws std::invalid_argument naming the problem
// (never the password).
RedisEndpoint parse_redis_url(const std::string& url);

// Holds up to `connections` connections (opened on first use, each used by one thread at a time),
// so pool threads counting rate-limit hits do not queue behind one socket round trip.
class RedisClient {
 public:
  static constexpr int kDefaultConnections = 4;
  RedisClient(RedisEndpoint endpoint, std::chrono::milliseconds timeout, int connections = kDefaultConnections);
  ~RedisClient();
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  // PING answered PONG within the timeout. Reconnects if the previous connection broke.
  bool ping() noexcept;
  // Runs one command (arguments passed binary-safe); returns the reply as a string for
  // status/string/integer replies, nullopt for nil. Throws std::runtime_error on a connection or
  // server error.
  std::optional<std::string> command(const std::vector<std::string>& args);

 private:
  struct Context;
  struct Slot {
    std::mutex mutex;  // hiredis contexts are not thread-safe
    std::unique_ptr<Context> ctx;
  };
  void connect_locked(Slot& slot);
  std::optional<std::string> command_locked(Slot& slot, const std::vector<std::string>& args);

  RedisEndpoint endpoint_;
  std::chrono::milliseconds timeout_;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::atomic<unsigned> next_{0};
};

}  // namespace authly::cache
