#include "endpoints/browser_routes.hpp"

#include "endpoints/authorize_endpoint.hpp"
#include "endpoints/browser_page.hpp"
#include "endpoints/consent_endpoint.hpp"
#include "endpoints/login_endpoint.hpp"
#include "endpoints/logout_endpoint.hpp"
#include "endpoints/static_endpoint.hpp"

namespace authly::endpoints {

void register_browser_routes(http::Router& router, EndpointContext& ctx) {
  using http::Execution;
  using http::Method;
  EndpointContext* c = &ctx;
  auto bind = [c](http::Response (*fn)(EndpointContext&, http::Request&)) {
    return [c, fn](http::Request& req) { return fn(*c, req); };
  };
  router.add(Method::get, "/oauth/authorize", bind(authorize), Execution::blocking, "sql", browser_failure);
  router.add(Method::post, "/oauth/authorize", bind(authorize), Execution::blocking, "sql", browser_failure);
  router.add(Method::get, "/auth/login", bind(login_form), Execution::blocking, "sql", browser_failure);
  router.add(Method::post, "/auth/login", bind(login_submit), Execution::blocking, "argon2id", browser_failure);
  router.add(Method::post, "/oauth/consent", bind(consent_submit), Execution::blocking, "sql", browser_failure);
  router.add(Method::post, "/auth/logout", bind(logout), Execution::blocking, "sql", browser_failure);
  router.add(Method::get, "/static/authly.css", stylesheet);
}

}  // namespace authly::endpoints
