#include "endpoints/static_endpoint.hpp"

#include "web/pages.hpp"

namespace authly::endpoints {

http::Response stylesheet(http::Request&) {
  http::Response r;
  r.status = 200;
  r.headers.set("Content-Type", "text/css; charset=utf-8");
  r.headers.set("Cache-Control", "public, max-age=86400");
  r.body = std::string(web::stylesheet());
  return r;
}

}  // namespace authly::endpoints
