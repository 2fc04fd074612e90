#pragma once
// Is a state-changing request from one of our own pages? (CSRF defence for endpoints that act on
// the session cookie alone.) Browsers say where a request comes from in headers a page cannot set:
// Fetch Metadata `Sec-Fetch-Site` (W3C Fetch Metadata Request Headers §2.1) and `Origin`
// (RFC 6454 §7, sent with every cross-origin request and every POST by current browsers).
#include <string>
#include <string_view>

#include "http/request.hpp"

namespace authly::http {

// True when `Sec-Fetch-Site` is `same-origin` or `none` (typed or bookmarked by the user), or,
// without Fetch Metadata, when `Origin` equals `origin`. Fails closed: cross-site, same-site
// (a sibling subdomain is another origin), `Origin: null`, repeated headers, and a request
// carrying neither header are all refused.
bool is_same_origin_request(const Request& req, std::string_view origin);

}  // namespace authly::http
