#include "store/cached/cached_client_repository.hpp"

namespace authly::store::cached {

namespace {
constexpr const char* kCache = "clients";
}

std::optional<Client> CachedClientRepository::find(const std::string& client_id) {
  const auto version = gate_.version(kCache);  // throws when the bound cannot be kept
  std::uint64_t epoch = 0;
  {
    std::lock_guard lock(mutex_);
    if (version != version_) {
      entries_.clear();
      version_ = version;
      ++epoch_;
    }
    if (auto it = entries_.find(client_id); it != entries_.end()) return it->second;
    epoch = epoch_;
  }
  auto loaded = inner_.find(client_id);
  if (loaded) {
    std::lock_guard lock(mutex_);
    // A write or version change while the row was read may have made it stale: keep it only if
    // nothing was dropped meanwhile.
    if (epoch == epoch_) {
      if (entries_.size() >= kMaxEntries) entries_.clear();
      entries_.emplace(client_id, *loaded);
    }
  }
  return loaded;
}

void CachedClientRepository::forget(const std::string& client_id) {
  {
    std::lock_guard lock(mutex_);
    entries_.erase(client_id);
    ++epoch_;
  }
  gate_.expire();
  if (changed_) changed_(kCache);
}

template <class Write>
auto CachedClientRepository::write(const std::string& client_id, Write&& write) {
  // Forget even when the write throws: a failed COMMIT may still have landed.
  try {
    auto result = write();
    forget(client_id);
    return result;
  } catch (...) {
    forget(client_id);
    throw;
  }
}

void CachedClientRepository::create(const Client& client) {
  write(client.id, [&] {
    inner_.create(client);
    return true;
  });
}

bool CachedClientRepository::update(const Client& client) {
  return write(client.id, [&] { return inner_.update(client); });
}

bool CachedClientRepository::set_secret_hash(const std::string& client_id, const std::string& secret_hash,
                                             TimePoint now) {
  return write(client_id, [&] { return inner_.set_secret_hash(client_id, secret_hash, now); });
}

bool CachedClientRepository::remove(const std::string& client_id) {
  return write(client_id, [&] { return inner_.remove(client_id); });
}

}  // namespace authly::store::cached
