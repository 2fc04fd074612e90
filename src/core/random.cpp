#include "core/random.hpp"

#include <sys/random.h>

#include <cerrno>
#include <system_error>
#include <vector>

#include "core/base64url.hpp"

namespace authly::core {

void SystemRandom::fill(std::span<std::uint8_t> out) {
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

std::string random_token(Random& rng, std::size_t n) {
  std::vector<std::uint8_t> buf(n);
  rng.fill(buf);
  return base64url_encode(std::string_view(reinterpret_cast<const char*>(buf.data()), buf.size()));
}

}  // namespace authly::core
