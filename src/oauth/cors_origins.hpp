#pragma once
// Which web origins may call Authly's token-side endpoints from a browser (CORS, the Fetch standard
// §3.2). draft-ietf-oauth-browser-based-apps: a browser app is a public client that calls the
// token endpoint with fetch() from the origin it is served from, which is the origin of its
// redirect URI. So an origin is allowed when it is the origin of a redirect URI some active client
// registered, or an origin the operator listed (http.cors_origins).
//
// The set is held in memory and swapped whole, so a request reads it without a lock or a query:
// reload() reads every client (start-up), refresh() reloads when the clients' cache version moved
// (the maintenance scheduler, every cache.max_staleness_ms rounded up to a second: changes made
// by the CLI or another instance), and note_change() applies a write made through this instance's
// client registry at once.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/models.hpp"
#include "store/store.hpp"

namespace authly::oauth {

// Who may call the endpoint: any client (token, revocation, UserInfo), or confidential clients only
// (introspection: RFC 7662 §2.1 callers authenticate, and a browser app cannot keep a secret, so
// only the origins of confidential clients' redirect URIs, and configured ones, qualify).
enum class CorsCallers { any_client, confidential_clients };

class CorsOrigins {
 public:
  // `configured`: http.cors_origins, already validated as origin serializations.
  explicit CorsOrigins(std::vector<std::string> configured);
  CorsOrigins(const CorsOrigins&) = delete;
  CorsOrigins& operator=(const CorsOrigins&) = delete;
  // An empty set that allows no origin (what a context built without one uses).
  static const CorsOrigins& none();

  // True when `origin` (an Origin header value) equals, byte for byte, a configured origin or the
  // origin of a registered redirect URI of an active client (of a confidential one for
  // confidential_clients). Never true for "null" (an opaque origin: sandboxed frames, file:).
  // Reads the current snapshot only: safe and cheap on an I/O thread.
  bool allows(std::string_view origin, CorsCallers callers) const noexcept;

  // Reads every client from `store` and replaces the set (SQL: never on an I/O thread).
  void reload(store::Store& store);
  // Reloads when the "clients" cache version differs from the one the set was built at; returns
  // whether it did. One small query otherwise.
  bool refresh(store::Store& store);
  // A write through this instance's client registry: `saved` is the row as written, or null when
  // the client was removed. An addition is visible at once; a removal or a narrowed client keeps
  // its old origins until the next refresh() (the version moved, so it reloads).
  void note_change(const store::Client* saved);

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  // origin -> true when some confidential client registered it
  using OriginMap = std::unordered_map<std::string, bool, Hash, std::equal_to<>>;
  struct Snapshot {
    OriginMap registered;
    std::int64_t clients_version = -1;  // -1: unknown, the next refresh() reloads
  };

  static void add_client(OriginMap& map, const store::Client& client);

  const OriginMap configured_;
  // Writers (reload, note_change) take turns, so an addition made while a reload reads the table
  // is applied after it rather than lost under its result. Readers never take it.
  std::mutex writers_;
  std::atomic<std::shared_ptr<const Snapshot>> snapshot_;
};

}  // namespace authly::oauth
