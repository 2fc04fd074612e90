#pragma once
// How a repository reaches the database: a pooled session per call, or the one session of a
// transaction. Internal to store/sql.
#include <soci/soci.h>

#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

#include "store/sql/pool.hpp"
#include "store/sql/statement_cache.hpp"

namespace authly::store::sql {

class SessionSource {
 public:
  virtual ~SessionSource() = default;
  virtual Backend backend() const noexcept = 0;
  // Runs fn on a session; driver failures leave as StoreError or Conflict.
  virtual void run(const std::function<void(Connection&)>& fn) = 0;

  // run() for a fn that returns a value.
  template <class F>
  auto with(F&& fn) -> std::invoke_result_t<F&, Connection&> {
    using R = std::invoke_result_t<F&, Connection&>;
    if constexpr (std::is_void_v<R>) {
      run(fn);
    } else {
      std::optional<R> result;
      run([&](Connection& s) { result.emplace(fn(s)); });
      return std::move(*result);
    }
  }
};

// Outside a transaction: each call leases a session and gives it back.
class PooledSource final : public SessionSource {
 public:
  explicit PooledSource(Pool& pool) : pool_(pool) {}
  Backend backend() const noexcept override { return pool_.backend(); }
  void run(const std::function<void(Connection&)>& fn) override { pool_.lease().run(fn); }

 private:
  Pool& pool_;
};

// Inside Store::transaction: every call uses the transaction's session.
class LeasedSource final : public SessionSource {
 public:
  LeasedSource(Lease& lease, Backend backend) : lease_(lease), backend_(backend) {}
  Backend backend() const noexcept override { return backend_; }
  void run(const std::function<void(Connection&)>& fn) override { lease_.run(fn); }

 private:
  Lease& lease_;
  Backend backend_;
};

}  // namespace authly::store::sql
