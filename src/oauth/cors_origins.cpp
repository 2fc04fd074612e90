#include "oauth/cors_origins.hpp"

#include <utility>

#include "core/web_origin.hpp"

namespace authly::oauth {
namespace {

constexpr const char* kClientsCache = "clients";
constexpr int kPage = 500;

}  // namespace

CorsOrigins::CorsOrigins(std::vector<std::string> configured)
    : configured_([&] {
        OriginMap m;
        for (auto& o : configured) m.emplace(std::move(o), true);
        return m;
      }()),
      snapshot_(std::make_shared<const Snapshot>()) {}

const CorsOrigins& CorsOrigins::none() {
  static const CorsOrigins empty({});
  return empty;
}

bool CorsOrigins::allows(std::string_view origin, CorsCallers callers) const noexcept {
  // RFC 6454 §7.3: "null" is what a privacy-sensitive context sends; it names no one, so it never
  // matches (a registered "null" would otherwise open the endpoint to every sandboxed frame).
  if (origin.empty() || origin == "null") return false;
  if (configured_.find(origin) != configured_.end()) return true;
  const auto snapshot = snapshot_.load();
  const auto it = snapshot->registered.find(origin);
  if (it == snapshot->registered.end()) return false;
  return callers == CorsCallers::any_client || it->second;
}

void CorsOrigins::add_client(OriginMap& map, const store::Client& client) {
  if (!client.is_active) return;
  const bool confidential = client.type == store::ClientType::confidential;
  for (const auto& uri : client.redirect_uris) {
    auto origin = core::web_origin(uri);
    if (!origin) continue;
    auto [it, inserted] = map.emplace(std::move(*origin), confidential);
    if (!inserted && confidential) it->second = true;
  }
}

void CorsOrigins::reload(store::Store& store) {
  std::lock_guard lock(writers_);
  auto next = std::make_shared<Snapshot>();
  // The version first: a write that lands while the pages are read moves it past this value, so
  // the next refresh() reads again instead of keeping a set that missed the write.
  for (const auto& v : store.cache_versions())
    if (v.name == kClientsCache) next->clients_version = v.version;
  for (int offset = 0;; offset += kPage) {
    const auto page = store.clients().list(kPage, offset);
    for (const auto& client : page) add_client(next->registered, client);
    if (static_cast<int>(page.size()) < kPage) break;
  }
  snapshot_.store(std::move(next));
}

bool CorsOrigins::refresh(store::Store& store) {
  std::int64_t version = -1;
  for (const auto& v : store.cache_versions())
    if (v.name == kClientsCache) version = v.version;
  const auto current = snapshot_.load();
  if (version == current->clients_version && version != -1) return false;
  reload(store);
  return true;
}

void CorsOrigins::note_change(const store::Client* saved) {
  if (!saved) return;  // a removal waits for refresh(): dropping an origin needs every other client
  std::lock_guard lock(writers_);
  const auto current = snapshot_.load();
  auto next = std::make_shared<Snapshot>(*current);
  add_client(next->registered, *saved);
  snapshot_.store(std::move(next));
}

}  // namespace authly::oauth
