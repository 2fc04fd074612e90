#include "cache/cache_invalidation.hpp"

#include <poll.h>
#include <unistd.h>

#include <stdexcept>

#include "cache/hiredis_handles.hpp"
#include "core/random.hpp"

namespace authly::cache {

namespace {

constexpr std::chrono::milliseconds kReconnectDelay{1'000};

using detail::ContextPtr;
using detail::ReplyPtr;
using detail::to_timeval;

ReplyPtr command(redisContext* c, const std::vector<std::string>& args) {
  ReplyPtr reply = detail::send_command(c, args);
  if (!reply) throw std::runtime_error("redis: connection lost");
  if (reply->type == REDIS_REPLY_ERROR) throw std::runtime_error("redis: command refused");
  return reply;
}

// A message's payload is "<origin> <cache>". A message is for this instance unless it carries this
// instance's own origin: its own writes are already visible to its caches.
bool from_elsewhere(const redisReply* message, const std::string& own_prefix) {
  if (message == nullptr || message->type != REDIS_REPLY_ARRAY || message->elements != 3) return false;
  const redisReply* payload = message->element[2];
  if (payload == nullptr || payload->type != REDIS_REPLY_STRING) return true;
  return std::string_view(payload->str, payload->len).substr(0, own_prefix.size()) != own_prefix;
}

}  // namespace

CacheInvalidation::CacheInvalidation(RedisEndpoint endpoint, std::chrono::milliseconds timeout,
                                     std::function<void()> on_message)
    : endpoint_(std::move(endpoint)),
      timeout_(timeout),
      on_message_(std::move(on_message)),
      publisher_(endpoint_, timeout_) {
  core::SystemRandom rng;
  origin_prefix_ = core::random_token(rng, 12) + " ";
  if (::pipe(wake_) != 0) throw std::runtime_error("cache invalidation: cannot create a pipe");
  thread_ = std::thread([this] { run(); });
}

CacheInvalidation::~CacheInvalidation() {
  stop_ = true;
  [[maybe_unused]] auto n = ::write(wake_[1], "x", 1);
  thread_.join();
  ::close(wake_[0]);
  ::close(wake_[1]);
}

void CacheInvalidation::publish(const std::string& cache) noexcept {
  try {
    publisher_.command({"PUBLISH", kChannel, origin_prefix_ + cache});
  } catch (...) {
    // The other instances still see the change at their next version check.
  }
}

void CacheInvalidation::run() {
  while (!stop_) {
    try {
      subscribe_and_listen();
    } catch (...) {
    }
    subscribed_ = false;
    if (stop_) break;
    on_message_();  // messages may have been missed: re-check at the next read
    pollfd wake{wake_[0], POLLIN, 0};
    ::poll(&wake, 1, static_cast<int>(kReconnectDelay.count()));
  }
}

void CacheInvalidation::subscribe_and_listen() {
  ContextPtr c(redisConnectWithTimeout(endpoint_.host.c_str(), endpoint_.port, to_timeval(timeout_)));
  if (!c || c->err) throw std::runtime_error("redis: connect failed");
  redisSetTimeout(c.get(), to_timeval(timeout_));
  if (!endpoint_.password.empty()) command(c.get(), {"AUTH", endpoint_.password});
  command(c.get(), {"SUBSCRIBE", kChannel});  // the reply confirms the subscription
  subscribed_ = true;
  on_message_();  // whatever changed before the subscription existed
  while (!stop_) {
    pollfd fds[2] = {{c->fd, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) continue;
    if (fds[1].revents != 0 || stop_) return;
    if (fds[0].revents == 0) continue;
    void* raw = nullptr;
    if (redisGetReply(c.get(), &raw) != REDIS_OK) throw std::runtime_error("redis: subscription lost");
    ReplyPtr reply(static_cast<redisReply*>(raw));
    // ["message", channel, payload]: a message from another instance means "re-check".
    if (from_elsewhere(reply.get(), origin_prefix_)) on_message_();
    // Replies already buffered would not make the socket readable again: take them now.
    while (redisGetReplyFromReader(c.get(), &raw) == REDIS_OK && raw != nullptr) {
      ReplyPtr more(static_cast<redisReply*>(raw));
      raw = nullptr;
      if (from_elsewhere(more.get(), origin_prefix_)) on_message_();
    }
  }
}

}  // namespace authly::cache
