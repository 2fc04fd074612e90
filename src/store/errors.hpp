#pragma once
// Store failures. Infrastructure failures (database down, SQL error) throw StoreError and are caught
// once at the endpoint boundary; a unique-key clash throws Conflict, which callers turn into a
// client-visible error ("username already taken").
#include <stdexcept>
#include <string>

#include "core/unavailable.hpp"

namespace authly::store {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Conflict : public StoreError {
 public:
  using StoreError::StoreError;
};

// The database cannot be reached (connection lost, cannot connect, no free connection in time):
// answered 503 with Retry-After by the server's guard (core/unavailable.hpp).
class StoreUnavailable : public StoreError, public core::DependencyUnavailable {
 public:
  using StoreError::StoreError;
};

}  // namespace authly::store
