#include "endpoints/metadata_routes.hpp"

#include <memory>
#include <stdexcept>
#include <string>

#include "endpoints/clients_endpoint.hpp"
#include "endpoints/cors.hpp"
#include "endpoints/jwks_endpoint.hpp"
#include "endpoints/oauth_response.hpp"
#include "endpoints/public_metadata.hpp"
#include "endpoints/published_documents.hpp"
#include "oauth/discovery.hpp"
#include "oidc/discovery.hpp"

namespace authly::endpoints {

std::shared_ptr<PublishedDocuments> register_metadata_routes(http::Router& router, EndpointContext& ctx) {
  using http::Execution;
  using http::Method;
  const auto alg = jose::algorithm_from_string(ctx.config.oauth.signing_alg);
  if (!alg || *alg == jose::Algorithm::HS256)
    throw std::invalid_argument("oauth.signing_alg must be ES256, RS256, PS256 or EdDSA");

  // Discovery and JWKS are served from pre-serialized documents (published_documents.hpp): no
  // store access, so they answer on the I/O thread.
  auto documents = std::make_shared<PublishedDocuments>(ctx.use.provider_metadata, ctx.keys, *alg);
  router.add(
      Method::get, "/oidc/jwks",
      [documents, cache_control = jwks_cache_control(std::chrono::seconds(ctx.config.keys.jwks_max_age_s))](
          http::Request& req) { return jwks(req, *documents->jwks(), cache_control); },
      Execution::inline_);
  router.add(Method::options, "/oidc/jwks", public_document_preflight, Execution::inline_);

  auto serve_discovery = [documents](http::Request& req) {
    const auto doc = documents->discovery();
    return public_metadata(req, doc->body, doc->etag, "application/json");
  };
  constexpr std::string_view kSuffix = "oauth-authorization-server";
  const std::string plain = "/.well-known/" + std::string(kSuffix);
  // Each document path also answers OPTIONS, the CORS preflight (endpoints/cors.hpp); the
  // documents are public, so "*" (public_metadata.hpp).
  const auto add_document = [&router, &serve_discovery](const std::string& path) {
    router.add(Method::get, path, serve_discovery, Execution::inline_);
    router.add(Method::options, path, public_document_preflight, Execution::inline_);
  };
  add_document(plain);
  // RFC 8414 §3.1: an issuer with a path has its metadata under the well-known prefix + that path.
  if (const auto with_path = oauth::well_known_path(ctx.config.issuer, kSuffix); with_path != plain)
    add_document(with_path);
  // OIDC Discovery §4: the issuer's path comes first.
  add_document(oidc::openid_configuration_path(ctx.config.issuer));

  // The client registry reads and writes the store: blocking pool.
  auto clients = std::make_shared<ClientsEndpoint>(ctx);
  router.add(
      Method::post, "/oauth/clients", [clients](http::Request& req) { return clients->create(req); },
      Execution::blocking, "sql", oauth_failure);
  router.add(
      Method::get, "/oauth/clients", [clients](http::Request& req) { return clients->list(req); }, Execution::blocking,
      "sql", oauth_failure);
  router.add(
      Method::get, "/oauth/clients/{client_id}", [clients](http::Request& req) { return clients->read(req); },
      Execution::blocking, "sql", oauth_failure);
  router.add(
      Method::put, "/oauth/clients/{client_id}", [clients](http::Request& req) { return clients->replace(req); },
      Execution::blocking, "sql", oauth_failure);
  router.add(
      Method::delete_, "/oauth/clients/{client_id}", [clients](http::Request& req) { return clients->remove(req); },
      Execution::blocking, "sql", oauth_failure);
  return documents;
}

}  // namespace authly::endpoints
