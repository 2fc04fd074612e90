#pragma once
// Told after a write on this instance changed a cached table, with the cache's name, so that other
// instances can be invalidated at once (Redis pub/sub) instead of at their next version check.
#include <functional>
#include <string>

namespace authly::store::cached {

using ChangeListener = std::function<void(const std::string& cache)>;

}  // namespace authly::store::cached
