#include "core/blocking.hpp"

namespace authly::core {
namespace {
thread_local bool g_non_blocking = false;
}  // namespace

NonBlockingScope::NonBlockingScope() noexcept : previous_(g_non_blocking) { g_non_blocking = true; }
NonBlockingScope::~NonBlockingScope() { g_non_blocking = previous_; }

bool blocking_allowed() noexcept { return !g_non_blocking; }

void expect_blocking(const char* what) {
  if (g_non_blocking) throw WouldBlock{what};
}

}  // namespace authly::core
