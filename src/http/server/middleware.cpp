#include "http/server/middleware.hpp"

namespace authly::http {
namespace {

Response run_from(const std::vector<Middleware>& chain, std::size_t index, Request& req, const Next& handler) {
  if (index == chain.size()) return handler(req);
  const Next next = [&chain, index, &handler](Request& r) { return run_from(chain, index + 1, r, handler); };
  return chain[index](req, next);
}

}  // namespace

Response run_chain(const std::vector<Middleware>& chain, Request& req, const Next& handler) {
  return run_from(chain, 0, req, handler);
}

}  // namespace authly::http
