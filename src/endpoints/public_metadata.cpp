#include "endpoints/public_metadata.hpp"

#include "core/text.hpp"

namespace authly::endpoints {
namespace {

std::string_view opaque(std::string_view tag) {
  tag = core::trim_ows(tag);
  if (tag.starts_with("W/")) tag.remove_prefix(2);
  return tag;
}

}  // namespace

bool if_none_match_matches(std::optional<std::string_view> header, std::string_view etag) {
  if (!header) return false;
  std::string_view list = *header;
  if (core::trim_ows(list) == "*") return true;
  const auto want = opaque(etag);
  while (!list.empty()) {
    // Entity tags are quoted and cannot contain '"', so splitting on ',' outside quotes is enough.
    std::size_t end = 0;
    bool quoted = false;
    while (end < list.size() && (quoted || list[end] != ',')) {
      if (list[end] == '"') quoted = !quoted;
      ++end;
    }
    if (opaque(list.substr(0, end)) == want) return true;
    list.remove_prefix(end == list.size() ? end : end + 1);
  }
  return false;
}

http::Response public_metadata(const http::Request& req, std::string body, std::string etag,
                               std::string_view content_type) {
  http::Response r;
  if (if_none_match_matches(req.header("If-None-Match"), etag)) {
    r.status = 304;  // RFC 9110 §15.4.5: no body, but the validator and caching headers again
  } else {
    r.status = 200;
    r.body = std::move(body);
    r.headers.set("Content-Type", std::string(content_type));
  }
  r.headers.set("ETag", std::move(etag));
  r.headers.set("Cache-Control", "public, max-age=300");
  r.headers.set("Access-Control-Allow-Origin", "*");
  return r;
}

}  // namespace authly::endpoints
