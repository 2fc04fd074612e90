#pragma once
// A small synchronous Redis client over hiredis, for the blocking pool only. It is what instances
// share: readiness, and later rate limits, deny-list mirror and cache invalidation.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
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

// Redis could not be reached (connect or I/O failure), or it was unreachable a moment ago and the
// client is backing off. Callers fall back (in-process limits, the database) instead of failing.
class RedisUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Holds up to `connections` connections (opened on first use, each used by one thread at a time),
// so pool threads counting rate-limit hits do not queue behind one socket round trip.
//
// A circuit breaker: after a connection failure every command fails at once with RedisUnavailable
// (no connect attempt, no timeout wait per request) until a back-off has passed; then one caller
// tries again. The back-off doubles from kFirstBackoff to kMaxBackoff and resets on success, so a
// restarted Redis is used again within kMaxBackoff of the next command or ping().
class RedisClient {
 public:
  static constexpr int kDefaultConnections = 4;
  static constexpr std::chrono::milliseconds kFirstBackoff{100};
  static constexpr std::chrono::milliseconds kMaxBackoff{2'000};
  RedisClient(RedisEndpoint endpoint, std::chrono::milliseconds timeout, int connections = kDefaultConnections);
  ~RedisClient();
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  // PING answered PONG within the timeout. Reconnects if the previous connection broke (once the
  // back-off allows a try).
  bool ping() noexcept;
  // Runs one command (arguments passed binary-safe); returns the reply as a string for
  // status/string/integer replies, nullopt for nil. Throws RedisUnavailable when Redis cannot be
  // reached (or the client is backing off), std::runtime_error when the server refuses the command.
  std::optional<std::string> command(const std::vector<std::string>& args);
  // false from a connection failure until the next successful command: what readiness and the
  // authly_redis_up gauge report, without a round trip.
  bool up() const noexcept { return up_.load(std::memory_order_relaxed); }

 private:
  struct Context;
  struct Slot {
    std::mutex mutex;  // hiredis contexts are not thread-safe
    std::unique_ptr<Context> ctx;
    std::uint64_t generation = 0;  // outage count when connected: a connection from before is stale
  };
  void connect_locked(Slot& slot);
  std::optional<std::string> command_locked(Slot& slot, const std::vector<std::string>& args);
  std::optional<std::string> command_on(Slot& slot, const std::vector<std::string>& args);
  bool admit();  // throws RedisUnavailable while backing off; true: this caller is the probe
  void mark_down(bool probe) noexcept;
  void mark_up() noexcept;

  RedisEndpoint endpoint_;
  std::chrono::milliseconds timeout_;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::atomic<unsigned> next_{0};
  std::atomic<bool> up_{true};
  std::atomic<bool> probing_{false};          // one caller tries while the breaker is open
  std::atomic<std::int64_t> retry_at_ns_{0};  // steady clock
  std::atomic<std::int64_t> backoff_ms_{kFirstBackoff.count()};
  std::atomic<std::uint64_t> outages_{0};
};

}  // namespace authly::cache
