#include "cache/redis_client.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "cache/hiredis_handles.hpp"
#include "core/blocking.hpp"

namespace authly::cache {

struct RedisClient::Context {
  redisContext* c = nullptr;
  ~Context() {
    if (c) redisFree(c);
  }
};

namespace {

using detail::ReplyPtr;
using detail::to_timeval;

int parse_int(std::string_view s, const char* what) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) throw std::invalid_argument(std::string("redis_url: bad ") + what);
  return v;
}

}  // namespace

RedisEndpoint parse_redis_url(const std::string& url) {
  constexpr std::string_view kScheme = "redis://";
  if (url.rfind(kScheme, 0) != 0) throw std::invalid_argument("redis_url: must start with redis://");
  std::string_view rest = std::string_view(url).substr(kScheme.size());
  RedisEndpoint ep;
  if (auto at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    auto colon = userinfo.find(':');
    ep.password = std::string(colon == std::string_view::npos ? userinfo : userinfo.substr(colon + 1));
  }
  std::string_view hostport = rest;
  if (auto slash = rest.find('/'); slash != std::string_view::npos) {
    hostport = rest.substr(0, slash);
    std::string_view db = rest.substr(slash + 1);
    if (!db.empty()) ep.db = parse_int(db, "database number");
  }
  if (hostport.empty()) throw std::invalid_argument("redis_url: missing host");
  if (hostport.front() == '[') {  // [v6]:port
    auto close = hostport.find(']');
    if (close == std::string_view::npos) throw std::invalid_argument("redis_url: bad IPv6 host");
    ep.host = std::string(hostport.substr(1, close - 1));
    if (close + 1 < hostport.size()) {
      if (hostport[close + 1] != ':') throw std::invalid_argument("redis_url: bad port");
      ep.port = parse_int(hostport.substr(close + 2), "port");
    }
  } else if (auto colon = hostport.rfind(':'); colon != std::string_view::npos) {
    ep.host = std::string(hostport.substr(0, colon));
    ep.port = parse_int(hostport.substr(colon + 1), "port");
  } else {
    ep.host = std::string(hostport);
  }
  if (ep.port <= 0 || ep.port > 65535) throw std::invalid_argument("redis_url: port out of range");
  return ep;
}

RedisClient::RedisClient(RedisEndpoint endpoint, std::chrono::milliseconds timeout, int connections)
    : endpoint_(std::move(endpoint)), timeout_(timeout) {
  for (int i = 0; i < (connections < 1 ? 1 : connections); ++i) slots_.push_back(std::make_unique<Slot>());
}

RedisClient::~RedisClient() = default;

void RedisClient::connect_locked(Slot& slot) {
  slot.ctx.reset();
  auto ctx = std::make_unique<Context>();
  ctx->c = redisConnectWithTimeout(endpoint_.host.c_str(), endpoint_.port, to_timeval(timeout_));
  if (ctx->c == nullptr) throw std::runtime_error("redis: out of memory");
  if (ctx->c->err) throw RedisUnavailable(std::string("redis: connect failed: ") + ctx->c->errstr);
  redisSetTimeout(ctx->c, to_timeval(timeout_));
  slot.ctx = std::move(ctx);
  slot.generation = outages_.load(std::memory_order_relaxed);
  try {
    if (!endpoint_.password.empty()) command_locked(slot, {"AUTH", endpoint_.password});
    if (endpoint_.db != 0) command_locked(slot, {"SELECT", std::to_string(endpoint_.db)});
  } catch (...) {
    slot.ctx.reset();  // never keep a connection that is not authenticated or on the wrong database
    throw;
  }
}

std::optional<std::string> RedisClient::command_locked(Slot& slot, const std::vector<std::string>& args) {
  ReplyPtr reply = detail::send_command(slot.ctx->c, args);
  if (!reply) {
    std::string err = slot.ctx->c->errstr;
    slot.ctx.reset();  // the connection is unusable; reconnect on next use
    throw RedisUnavailable("redis: " + err);
  }
  switch (reply->type) {
    case REDIS_REPLY_ERROR:
      throw std::runtime_error("redis: " + std::string(reply->str, reply->len));
    case REDIS_REPLY_NIL:
      return std::nullopt;
    case REDIS_REPLY_INTEGER:
      return std::to_string(reply->integer);
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_STRING:
      return std::string(reply->str, reply->len);
    default:
      return std::string();
  }
}

namespace {

std::int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

bool RedisClient::admit() {
  if (up_.load(std::memory_order_relaxed)) return false;
  if (steady_ns() < retry_at_ns_.load(std::memory_order_relaxed) || probing_.exchange(true))
    throw RedisUnavailable("redis: unreachable, reconnecting with back-off");
  return true;
}

void RedisClient::mark_down(bool probe) noexcept {
  const bool was_up = up_.exchange(false);
  if (was_up) {
    outages_.fetch_add(1, std::memory_order_relaxed);  // every open connection is now suspect
    backoff_ms_.store(kFirstBackoff.count(), std::memory_order_relaxed);
  } else if (probe) {
    backoff_ms_.store(std::min<std::int64_t>(backoff_ms_.load() * 2, kMaxBackoff.count()), std::memory_order_relaxed);
  } else {
    return;  // a command admitted before the outage: the back-off already runs
  }
  retry_at_ns_.store(steady_ns() + backoff_ms_.load() * 1'000'000, std::memory_order_relaxed);
}

void RedisClient::mark_up() noexcept {
  if (up_.load(std::memory_order_relaxed)) return;
  backoff_ms_.store(kFirstBackoff.count(), std::memory_order_relaxed);
  up_.store(true);
}

std::optional<std::string> RedisClient::command_on(Slot& slot, const std::vector<std::string>& args) {
  if (slot.ctx && slot.generation != outages_.load(std::memory_order_relaxed)) slot.ctx.reset();
  if (!slot.ctx) connect_locked(slot);
  return command_locked(slot, args);
}

std::optional<std::string> RedisClient::command(const std::vector<std::string>& args) {
  core::expect_blocking("redis");
  const bool probe = admit();
  struct ProbeDone {
    std::atomic<bool>* probing;
    ~ProbeDone() {
      if (probing) probing->store(false);
    }
  } probe_done{probe ? &probing_ : nullptr};
  try {
    // A free connection if there is one, starting from a rotating slot; else wait for that slot.
    const unsigned start = next_.fetch_add(1, std::memory_order_relaxed);
    const std::size_t n = slots_.size();
    for (std::size_t i = 0; i < n; ++i) {
      Slot& slot = *slots_[(start + i) % n];
      std::unique_lock lock(slot.mutex, std::try_to_lock);
      if (!lock.owns_lock()) continue;
      auto reply = command_on(slot, args);
      mark_up();
      return reply;
    }
    Slot& slot = *slots_[start % n];
    std::lock_guard lock(slot.mutex);
    auto reply = command_on(slot, args);
    mark_up();
    return reply;
  } catch (const RedisUnavailable&) {
    mark_down(probe);
    throw;
  }
}

bool RedisClient::ping() noexcept {
  try {
    auto r = command({"PING"});
    return r && *r == "PONG";
  } catch (...) {
    return false;
  }
}

}  // namespace authly::cache
