#include "store/cached/cached_token_repository.hpp"

#include "core/blocking.hpp"

namespace authly::store::cached {

namespace {
constexpr const char* kCache = "deny_list";
}

void CachedTokenRepository::catch_up_locked(std::int64_t version, TimePoint now) {
  const auto oldest = now - kExpiryGrace;
  for (;;) {
    auto rows = inner_.denied_since(last_seq_, oldest, kPageSize);
    for (auto& row : rows) {
      last_seq_ = std::max(last_seq_, row.seq);
      denied_[std::move(row.jti)] = row.expires_at;
    }
    if (static_cast<std::int64_t>(rows.size()) < kPageSize) break;
  }
  version_ = version;
  if (now >= next_sweep_) {
    std::erase_if(denied_, [&](const auto& entry) { return entry.second < oldest; });
    next_sweep_ = now + kSweepInterval;
  }
}

bool CachedTokenRepository::is_access_token_denied(const std::string& jti) {
  const auto version = gate_.version(kCache);  // throws when the bound cannot be kept
  const auto now = clock_.now();
  std::lock_guard lock(mutex_);
  if (version != version_) catch_up_locked(version, now);
  return denied_.contains(jti);
}

void CachedTokenRepository::after_deny() {
  gate_.expire();
  if (changed_) changed_(kCache);
}

void CachedTokenRepository::deny_access_token(const std::string& jti, TimePoint expires_at) {
  core::expect_blocking("deny-list write");  // waits for a commit, its own or another's
  denials_.submit(DeniedAccessToken{jti, expires_at, 0});
  {
    std::lock_guard lock(mutex_);
    denied_[jti] = expires_at;  // visible here at once; its seq arrives with the next catch-up
  }
  // The copy already holds the row, so the gate is left alone: expiring it would make the next
  // read of every cache wait for a version query, once per revocation. Other instances still hear.
  if (changed_) changed_(kCache);
}

std::int64_t CachedTokenRepository::deny_family_access_tokens(const std::string& family_id) {
  const auto n = inner_.deny_family_access_tokens(family_id);
  after_deny();  // the next check reads the new rows
  return n;
}

std::int64_t CachedTokenRepository::deny_session_access_tokens(const std::string& session_id) {
  const auto n = inner_.deny_session_access_tokens(session_id);
  after_deny();
  return n;
}

}  // namespace authly::store::cached
