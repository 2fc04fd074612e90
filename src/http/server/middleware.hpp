#pragma once
// Middleware chain around route handlers. Each middleware sees the request before the handler and
// the response after it; it may answer on its own without calling next.
#include <functional>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"

namespace authly::http {

using Next = std::function<Response(Request&)>;
using Middleware = std::function<Response(Request&, const Next&)>;

// Runs middlewares[0] outermost, then [1], ..., then the handler.
Response run_chain(const std::vector<Middleware>& chain, Request& req, const Next& handler);

}  // namespace authly::http
