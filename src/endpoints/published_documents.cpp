#include "endpoints/published_documents.hpp"

#include <vector>

#include "crypto/hash.hpp"

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

}  // namespace authly::endpoints
