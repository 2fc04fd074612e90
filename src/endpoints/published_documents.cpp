#include "endpoints/published_documents.hpp"

#include <vector>

#include "crypto/hash.hpp"
#include "observability/logger.hpp"

namespace authly::endpoints {
namespace {

std::shared_ptr<const PublishedDocument> make_document(std::string body) {
  auto doc = std::make_shared<PublishedDocument>();
  // Strong validator (RFC 9110 §8.8.3): the body's SHA-256, the same on every instance.
  doc->etag = crypto::strong_etag(body);
  doc->body = std::move(body);
  return doc;
}

}  // namespace

void PublishedDocuments::JwksState::publish(const std::string& jwks_json) {
  std::lock_guard lock(publish_mutex);
  const auto current = jwks.load();
  if (current && current->body == jwks_json) return;  // unchanged: keep the tag caches hold
  jwks.store(make_document(jwks_json));
}

PublishedDocuments::PublishedDocuments(std::function<std::string()> discovery, oauth::SigningKeys& keys,
                                       jose::Algorithm signing_alg)
    : build_discovery_(std::move(discovery)),
      keys_(keys),
      signing_alg_(signing_alg),
      state_(std::make_shared<JwksState>()) {
  keys_.on_published_change([weak = std::weak_ptr<JwksState>(state_)](const std::string& jwks_json) {
    if (auto state = weak.lock()) state->publish(jwks_json);
  });
  refresh_jwks();
  refresh_discovery();
  thread_ = std::thread([this] { run(); });
}

PublishedDocuments::~PublishedDocuments() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void PublishedDocuments::refresh_jwks() {
  // The key for the configured algorithm exists before any token is issued, so a verifier that
  // fetches the set first already holds the key that will sign. active() also reloads the key
  // table once its snapshot is older than keys.reload_interval_s.
  keys_.active(signing_alg_);
  state_->publish(keys_.jwks_json());
}

void PublishedDocuments::refresh_discovery() {
  auto body = build_discovery_();
  const auto current = discovery_.load();
  if (current && current->body == body) return;
  discovery_.store(make_document(std::move(body)));
}

void PublishedDocuments::run() {
  auto next_discovery = std::chrono::steady_clock::now() + kDiscoveryTtl;
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, kTick, [this] { return stop_; })) {
    lock.unlock();
    try {
      refresh_jwks();
      if (std::chrono::steady_clock::now() >= next_discovery) {
        refresh_discovery();
        next_discovery = std::chrono::steady_clock::now() + kDiscoveryTtl;
      }
    } catch (const std::exception& e) {
      observability::warn("metadata.refresh_failed", {{"detail", e.what()}});
    }
    lock.lock();
  }
}

}  // namespace authly::endpoints
