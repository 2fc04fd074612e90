#include "endpoints/discovery_endpoint.hpp"

#include <boost/json/serialize.hpp>

#include "core/base64url.hpp"
#include "crypto/hash.hpp"
#include "endpoints/public_metadata.hpp"
#include "oidc/discovery.hpp"

namespace authly::endpoints {

DiscoveryEndpoint::DiscoveryEndpoint(const config::Config& config, store::ScopeRepository& scopes,
                                     const core::Clock& clock, std::chrono::seconds ttl)
    : config_(config), scopes_(scopes), clock_(clock), ttl_(ttl) {}

std::shared_ptr<const DiscoveryEndpoint::Document> DiscoveryEndpoint::document() {
  const auto now = clock_.now();
  {
    std::lock_guard lock(mutex_);
    if (cached_ && now >= cached_->built_at && now - cached_->built_at < ttl_) return cached_;
  }
  std::vector<std::string> names;
  for (const auto& scope : scopes_.list()) names.push_back(scope.name);
  auto doc = std::make_shared<Document>();
  doc->body = boost::json::serialize(oidc::provider_metadata(config_, names));
  doc->etag = std::string(1, '"').append(core::base64url_encode(crypto::sha256(doc->body))).append(1, '"');
  doc->built_at = now;
  std::lock_guard lock(mutex_);
  cached_ = doc;
  return cached_;
}

http::Response DiscoveryEndpoint::handle(const http::Request& req) {
  auto doc = document();
  return public_metadata(req, doc->body, doc->etag, "application/json");
}

}  // namespace authly::endpoints
