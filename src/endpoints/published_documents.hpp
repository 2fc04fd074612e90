#pragma once
// The discovery document (OIDC Discovery 1.0 §4, RFC 8414 §3) and the JWKS (RFC 7517 §5),
// serialized ahead of time with their strong ETag so their routes answer on an I/O thread without
// SQL. Readers take an atomic snapshot; writers build a new document off the I/O threads and swap
// it in:
//   - the JWKS when the signing keys report a change of the published set (a reload in this
//     process, a rotation) and on every refresh_jwks(), which the application's maintenance
//     scheduler runs every kJwksInterval and which also makes the key set reload itself after
//     keys.reload_interval_s, so a change made by another instance or the CLI is served within
//     keys.reload_interval_s + kJwksInterval;
//   - the discovery document (configuration + scope registry) on every refresh_discovery(), run
//     every kDiscoveryInterval, so a scope created by the CLI is advertised within that bound.
// A refresh that fails (the database unreachable) keeps the previous document.
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "jose/algorithm.hpp"
#include "oauth/signing_keys.hpp"

namespace authly::endpoints {

struct PublishedDocument {
  std::string body;
  std::string etag;  // "<base64url(SHA-256(body))>": every instance serving the same body agrees
};

class PublishedDocuments {
 public:
  // How often the owner refreshes each document (app/: maintenance jobs).
  static constexpr std::chrono::seconds kJwksInterval{1};
  static constexpr std::chrono::seconds kDiscoveryInterval{60};

  // Builds both documents on the calling thread (start-up: may read the store and create the
  // first key of `signing_alg`) and subscribes to key changes.
  // `discovery` builds the discovery document's body (oidc::provider_metadata_json).
  PublishedDocuments(std::function<std::string()> discovery, oauth::SigningKeys& keys, jose::Algorithm signing_alg);
  PublishedDocuments(const PublishedDocuments&) = delete;
  PublishedDocuments& operator=(const PublishedDocuments&) = delete;

  // Wait-free for practical purposes and never null: safe on an I/O thread.
  std::shared_ptr<const PublishedDocument> jwks() const noexcept { return state_->jwks.load(); }
  std::shared_ptr<const PublishedDocument> discovery() const noexcept { return discovery_.load(); }

  // SQL, so never on an I/O thread. Exceptions propagate; the documents served stay as they were.
  void refresh_jwks();
  void refresh_discovery();

 private:
  // Shared with the key-change listener, which may outlive this object inside the key set.
  struct JwksState {
    std::mutex publish_mutex;  // orders publishers; never held across SQL
    std::atomic<std::shared_ptr<const PublishedDocument>> jwks;
    void publish(const std::string& jwks_json);
  };

  std::function<std::string()> build_discovery_;
  oauth::SigningKeys& keys_;
  const jose::Algorithm signing_alg_;
  std::shared_ptr<JwksState> state_;
  std::atomic<std::shared_ptr<const PublishedDocument>> discovery_;
};

}  // namespace authly::endpoints
