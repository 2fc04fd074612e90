#pragma once
// A dependency the request needs cannot be reached right now (the database went away, its pool has
// no connection to give). The server's guard answers such a failure 503 with Retry-After instead of
// 500: the request changed nothing (its transaction did not commit) and may be sent again.
// A marker base, mixed into the room's own error type (store::StoreUnavailable).
namespace authly::core {

class DependencyUnavailable {
 public:
  virtual ~DependencyUnavailable() = default;
};

}  // namespace authly::core
