#pragma once
// GET /static/authly.css: the pages' one stylesheet, compiled into the binary.
#include "http/request.hpp"
#include "http/response.hpp"

namespace authly::endpoints {

// Cacheable by anyone for a day (it only changes with a release).
http::Response stylesheet(http::Request& req);

}  // namespace authly::endpoints
