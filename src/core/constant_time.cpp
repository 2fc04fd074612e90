#include "core/constant_time.hpp"

namespace authly::core {

bool constant_time_equals(std::string_view a, std::string_view b) noexcept {
  // Walk the longer input in full so a length mismatch costs the same as a content mismatch.
  const std::size_t n = a.size() > b.size() ? a.size() : b.size();
  volatile unsigned char diff = static_cast<unsigned char>(a.size() != b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff = diff | static_cast<unsigned char>(x ^ y);
  }
  return diff == 0;
}

}  // namespace authly::core
