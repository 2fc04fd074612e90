#pragma once
// Comparison whose running time does not depend on where two secrets differ (only on their lengths,
// which are public: hashes and tokens have fixed sizes).
#include <string_view>

namespace authly::core {

bool constant_time_equals(std::string_view a, std::string_view b) noexcept;

}  // namespace authly::core
