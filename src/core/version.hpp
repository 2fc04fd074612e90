#pragma once

namespace authly::core {
inline constexpr const char* kVersion = "0.1.0";
}  // namespace authly::core
