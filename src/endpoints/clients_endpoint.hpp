#pragma once
// The client registry over HTTP: RFC 7591 registration (POST /oauth/clients) and RFC 7592-style
// management (GET /oauth/clients, GET/PUT/DELETE /oauth/clients/{client_id}), all in RFC 7591
// field names. Management needs an access token with authly:admin:write (changes) or
// authly:admin:read (reads). Registration is also open to anyone when oauth.dynamic_registration
// is on, or to holders of oauth.initial_access_token when that is set (RFC 7591 §3). Every route
// touches SQL and runs on the blocking pool.
#include "endpoints/context.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "services/client_service.hpp"

namespace authly::endpoints {

class ClientsEndpoint {
 public:
  explicit ClientsEndpoint(EndpointContext& ctx);

  // 201 with the client information response (RFC 7591 §3.2.1): the secret appears here only.
  // 400 invalid_redirect_uri / invalid_client_metadata (§3.2.2); 401 / 403 per RFC 6750 §3.1.
  http::Response create(const http::Request& req);
  // {"clients":[...]}, ?limit= (1-500, default 100) and ?offset=; never secrets.
  http::Response list(const http::Request& req);
  http::Response read(const http::Request& req);
  // RFC 7592 §2.2: replaces the metadata; a client_id in the body must name this client and a
  // client_secret, if sent, must be the current one. Keeps client_id and secret.
  http::Response replace(const http::Request& req);
  // 204; the client's grants go with it.
  http::Response remove(const http::Request& req);

 private:
  EndpointContext& ctx_;
  services::ClientService& clients_;
};

}  // namespace authly::endpoints
