#pragma once
// A migrated in-memory store for tests of plain functions over the store, with one active user
// ("u1", "alice") unless asked for none, and the rows tests add to it. Header-only: only the tiers that link the store
// use it.
#include <memory>
#include <string>

#include "store/store.hpp"

namespace authly::test {

inline store::User test_user(std::string id = "u1", std::string username = "alice") {
  store::User u;
  u.id = std::move(id);
  u.username = std::move(username);
  // A well-formed argon2id PHC string; no test signs in with it.
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";
  u.is_active = true;
  return u;
}

// An active client row with nothing registered beyond its id and name.
inline store::Client test_client(std::string id) {
  store::Client c;
  c.id = std::move(id);
  c.name = c.id;
  c.is_active = true;
  return c;
}

inline std::unique_ptr<store::Store> memory_store(bool with_user = true) {
  auto store = store::open_store({"sqlite::memory:", 1, 5'000});
  store->migrate();
  if (with_user) store->users().create(test_user());
  return store;
}

}  // namespace authly::test
