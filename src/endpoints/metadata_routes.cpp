#include "endpoints/metadata_routes.hpp"

#include <memory>
#include <stdexcept>

#include "endpoints/clients_endpoint.hpp"
#include "endpoints/discovery_endpoint.hpp"
#include "endpoints/jwks_endpoint.hpp"
#include "endpoints/oauth_response.hpp"
#include "oauth/discovery.hpp"
#include "oidc/discovery.hpp"

namespace authly::endpoints {

void register_metadata_routes(http::Router& router, EndpointContext& ctx) {
  using http::Execution;
  using http::Method;
  const auto alg = jose::algorithm_from_string(ctx.config.oauth.signing_alg);
  if (!alg || *alg == jose::Algorithm::HS256)
    throw std::invalid_argument("oauth.signing_alg must be ES256, RS256, PS256 or EdDSA");

  // Every route below may read the store (the key table, the scope registry, clients), so all
  // of them run on the blocking pool.
  router.add(
      Method::get, "/oidc/jwks",
      [&ctx, signing_alg = *alg](http::Request& req) {
        try {
          return jwks(req, ctx.keys, signing_alg, std::chrono::seconds(ctx.config.keys.jwks_max_age_s));
        } catch (const std::exception& e) {
          return internal_error(req, e);
        }
      },
      Execution::blocking, "signing_keys");

  auto discovery = std::make_shared<DiscoveryEndpoint>(ctx.config, ctx.store.scopes(), ctx.clock);
  auto serve_discovery = [discovery](http::Request& req) {
    try {
      return discovery->handle(req);
    } catch (const std::exception& e) {
      return internal_error(req, e);
    }
  };
  constexpr std::string_view kSuffix = "oauth-authorization-server";
  const std::string plain = "/.well-known/" + std::string(kSuffix);
  router.add(Method::get, plain, serve_discovery, Execution::blocking, "sql");
  // RFC 8414 §3.1: an issuer with a path has its metadata under the well-known prefix + that path.
  if (const auto with_path = oauth::well_known_path(ctx.config.issuer, kSuffix); with_path != plain)
    router.add(Method::get, with_path, serve_discovery, Execution::blocking, "sql");
  // OIDC Discovery §4: the issuer's path comes first.
  router.add(Method::get, oidc::openid_configuration_path(ctx.config.issuer), serve_discovery, Execution::blocking,
             "sql");

  auto clients = std::make_shared<ClientsEndpoint>(ctx);
  router.add(
      Method::post, "/oauth/clients", [clients](http::Request& req) { return clients->create(req); },
      Execution::blocking, "sql");
  router.add(
      Method::get, "/oauth/clients", [clients](http::Request& req) { return clients->list(req); }, Execution::blocking,
      "sql");
  router.add(
      Method::get, "/oauth/clients/{client_id}", [clients](http::Request& req) { return clients->read(req); },
      Execution::blocking, "sql");
  router.add(
      Method::put, "/oauth/clients/{client_id}", [clients](http::Request& req) { return clients->replace(req); },
      Execution::blocking, "sql");
  router.add(
      Method::delete_, "/oauth/clients/{client_id}", [clients](http::Request& req) { return clients->remove(req); },
      Execution::blocking, "sql");
}

}  // namespace authly::endpoints
