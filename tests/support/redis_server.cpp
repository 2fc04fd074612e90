#include "support/redis_server.hpp"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <thread>

#include "support/raw_http.hpp"

namespace authly::test {

namespace {

// ChildProcess execs without a PATH search: Debian's redis-server package installs it here.
std::string redis_server_binary() {
  for (const char* path : {"/usr/bin/redis-server", "/usr/local/bin/redis-server"})
    if (::access(path, X_OK) == 0) return path;
  throw std::runtime_error("redis-server is not installed (scripts/install-deps.sh installs it)");
}

}  // namespace

RedisServer::RedisServer() : port_(free_port()) { start(); }

void RedisServer::start() {
  child_ = std::make_unique<ChildProcess>(
      std::vector<std::string>{redis_server_binary(), "--port", std::to_string(port_), "--bind", "127.0.0.1", "--save",
                               "", "--appendonly", "no", "--dir", dir_.path()},
      base_env());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (can_connect(port_)) return;
    if (!child_->running()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("redis-server did not start: " + child_->err() + child_->out());
}

void RedisServer::stop() {
  if (!child_) return;
  child_->send_signal(SIGTERM);
  child_->wait_for(std::chrono::seconds(10));
  child_.reset();
}

}  // namespace authly::test
