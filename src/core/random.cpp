#include "core/random.hpp"

#include <sys/random.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <vector>

#include "core/base64url.hpp"

namespace authly::core {

namespace {

void read_kernel(std::span<std::uint8_t> out) {
  std::size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = ::getrandom(out.data() + done, out.size() - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::system_error(errno, std::generic_category(), "getrandom");
    }
    done += static_cast<std::size_t>(n);
  }
}

// Each thread keeps a block of kernel randomness and hands every byte out once, then wipes it:
// one getrandom(2) per 256 bytes instead of one per token (a request id per request showed up in
// profiles). The bytes are the kernel's own; Authly never forks after start, so no two processes
// share a block.
constexpr std::size_t kBlock = 256;
struct ThreadBlock {
  std::array<std::uint8_t, kBlock> bytes{};
  std::size_t used = kBlock;  // empty until first use
};

}  // namespace

void SystemRandom::fill(std::span<std::uint8_t> out) {
  if (out.size() >= kBlock) return read_kernel(out);
  thread_local ThreadBlock block;
  std::size_t done = 0;
  while (done < out.size()) {
    if (block.used == kBlock) {
      read_kernel(block.bytes);
      block.used = 0;
    }
    const std::size_t n = std::min(out.size() - done, kBlock - block.used);
    std::memcpy(out.data() + done, block.bytes.data() + block.used, n);
    std::memset(block.bytes.data() + block.used, 0, n);  // handed out: not kept in memory
    block.used += n;
    done += n;
  }
}

std::string random_token(Random& rng, std::size_t n) {
  std::vector<std::uint8_t> buf(n);
  rng.fill(buf);
  return base64url_encode(std::string_view(reinterpret_cast<const char*>(buf.data()), buf.size()));
}

}  // namespace authly::core
