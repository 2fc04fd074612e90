#include "oauth/client_auth/client_key_cache.hpp"

#include "core/blocking.hpp"
#include "oauth/client_jwks.hpp"

namespace authly::oauth {
namespace {

// Public keys only, at most kMaxClientJwks (client_jwks.hpp), whether registered or fetched: a
// document that publishes private key material is refused whole, since its keys are compromised.
std::shared_ptr<const jose::JwkSet> parse_keys(std::string_view json) {
  auto set = parse_client_jwks(json);
  if (!set) return nullptr;
  return std::make_shared<const jose::JwkSet>(std::move(*set));
}

}  // namespace

ClientKeyCache::ClientKeyCache(JwksFetch fetch, KeyCachePolicy policy) : fetch_(std::move(fetch)), policy_(policy) {}

std::shared_ptr<const jose::JwkSet> ClientKeyCache::fresh_keys(const Entry& e, core::TimePoint now) const {
  return e.keys && now - e.fetched_at < policy_.ttl ? e.keys : nullptr;
}

void ClientKeyCache::collect(Entry& e, core::TimePoint now) {
  if (!e.in_flight || e.in_flight->wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
  JwksDocument document;
  try {
    document = e.in_flight->get();
  } catch (const std::future_error&) {
    // The fetcher shut down before running the job: a failure like any other.
  }
  e.in_flight.reset();
  auto keys = document ? parse_keys(*document) : nullptr;
  if (!keys) {
    e.failed_at = now;  // the last good document stays in use until its ttl ends
    return;
  }
  e.keys = std::move(keys);
  e.fetched_at = now;
  e.failed_at.reset();
}

std::shared_ptr<const jose::JwkSet> ClientKeyCache::keys_for(const store::Client& client, core::TimePoint now,
                                                             bool refresh) {
  // A registered document wins over a URI (and is parsed per call: it is small and changes with
  // the client row, so caching it would need invalidation).
  if (!client.jwks.empty()) return parse_keys(client.jwks);
  if (client.jwks_uri.empty()) return nullptr;
  const Registrar who = client.registered_by_admin ? Registrar::administrator : Registrar::self;
  if (!parse_outbound_url(client.jwks_uri, who)) return nullptr;  // never registrable; no request

  std::shared_future<JwksDocument> pending;
  std::chrono::steady_clock::time_point deadline;
  {
    std::lock_guard lock(mutex_);
    Entry& e = entries_[client.id];
    if (e.uri != client.jwks_uri) {
      e = Entry();
      e.uri = client.jwks_uri;
    }
    collect(e, now);
    if (!e.in_flight) {
      auto fresh = fresh_keys(e, now);
      if (fresh && !(refresh && now - e.attempted_at >= policy_.min_refetch)) return fresh;
      if (e.failed_at && now - *e.failed_at < policy_.failure_backoff) return fresh;
      if (e.attempted_at != core::TimePoint{} && now - e.attempted_at < policy_.min_refetch) return fresh;
      auto started = fetch_ ? fetch_(client.jwks_uri, who) : std::nullopt;
      // Saturated: this request fails fast. Not the client's fault, so nothing is remembered.
      if (!started) return fresh;
      e.in_flight = std::move(*started);
      e.attempted_at = now;
      e.wait_deadline = std::chrono::steady_clock::now() + policy_.max_wait;
    }
    pending = *e.in_flight;
    deadline = e.wait_deadline;
  }
  // Waited for without the lock, and only until the deadline set when the fetch started: requests
  // arriving later share the fetch but wait no longer than the first. The fetch goes on after a
  // timeout; whoever asks next records its outcome.
  if (pending.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    core::expect_blocking("jwks_uri fetch");  // the fetch is shared: a rerun on the pool waits for it
  pending.wait_until(deadline);
  std::lock_guard lock(mutex_);
  auto it = entries_.find(client.id);
  if (it == entries_.end() || it->second.uri != client.jwks_uri) return nullptr;
  collect(it->second, now);
  return fresh_keys(it->second, now);
}

}  // namespace authly::oauth
