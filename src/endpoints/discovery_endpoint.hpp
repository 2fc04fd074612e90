#pragma once
// GET /.well-known/openid-configuration (OIDC Discovery 1.0 §4) and
// /.well-known/oauth-authorization-server (RFC 8414 §3): one document. It depends on the
// configuration and the scope registry only, so it is built once and rebuilt after `ttl` to pick
// up scopes created since; reading the registry is SQL, so the route runs on the blocking pool.
#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "config/config.hpp"
#include "core/clock.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "store/scope_repository.hpp"

namespace authly::endpoints {

class DiscoveryEndpoint {
 public:
  DiscoveryEndpoint(const config::Config& config, store::ScopeRepository& scopes, const core::Clock& clock,
                    std::chrono::seconds ttl = std::chrono::seconds(60));

  // 200 application/json (or 304 on a matching If-None-Match), Cache-Control: public, max-age=300,
  // Access-Control-Allow-Origin: *.
  http::Response handle(const http::Request& req);

 private:
  struct Document {
    std::string body;
    std::string etag;
    core::TimePoint built_at{};
  };
  std::shared_ptr<const Document> document();

  const config::Config& config_;
  store::ScopeRepository& scopes_;
  const core::Clock& clock_;
  const std::chrono::seconds ttl_;
  std::mutex mutex_;  // guards cached_ only; never held while the registry is read
  std::shared_ptr<const Document> cached_;
};

}  // namespace authly::endpoints
