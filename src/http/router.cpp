#include "http/router.hpp"

#include <algorithm>
#include <stdexcept>

#include "http/form.hpp"

namespace authly::http {
namespace {

// "/a/b/" -> {"a", "b", ""}; "/" -> {""}. Keeping the empty last segment makes a trailing slash a
// different path, as the Router promises.
std::vector<std::string_view> split_segments(std::string_view path) {
  std::vector<std::string_view> out;
  path.remove_prefix(1);
  for (;;) {
    const std::size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool is_param(std::string_view segment) {
  return segment.size() >= 3 && segment.front() == '{' && segment.back() == '}';
}

// Same shape: "/c/{a}" and "/c/{b}" would shadow each other, so they count as one pattern.
bool same_shape(std::string_view a, std::string_view b) {
  const auto sa = split_segments(a);
  const auto sb = split_segments(b);
  if (sa.size() != sb.size()) return false;
  for (std::size_t i = 0; i < sa.size(); ++i) {
    if (is_param(sa[i]) != is_param(sb[i])) return false;
    if (!is_param(sa[i]) && sa[i] != sb[i]) return false;
  }
  return true;
}

void validate_pattern(std::string_view pattern) {
  if (pattern.empty() || pattern.front() != '/') throw std::logic_error("route pattern must start with '/'");
  for (std::string_view seg : split_segments(pattern)) {
    const bool braces = seg.find_first_of("{}") != std::string_view::npos;
    if (braces && (!is_param(seg) || seg.find_first_of("{}", 1) != seg.size() - 1))
      throw std::logic_error("route pattern segment must be a literal or exactly one {name}");
  }
}

// Matches decoded segments against a pattern; fills params on success.
bool match_pattern(const std::vector<std::string>& pattern_segments, const std::vector<std::string>& segments,
                   std::map<std::string, std::string, std::less<>>& params) {
  if (pattern_segments.size() != segments.size()) return false;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string_view p = pattern_segments[i];
    if (is_param(p) ? segments[i].empty() : p != segments[i]) return false;
  }
  params.clear();
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string_view p = pattern_segments[i];
    if (is_param(p)) params.emplace(std::string(p.substr(1, p.size() - 2)), segments[i]);
  }
  return true;
}

// A literal segment beats a parameter at the first position where two matching patterns differ,
// so "/clients/new" wins over "/clients/{id}" regardless of registration order.
bool more_specific(std::string_view a, std::string_view b) {
  const auto sa = split_segments(a);
  const auto sb = split_segments(b);
  for (std::size_t i = 0; i < sa.size() && i < sb.size(); ++i)
    if (is_param(sa[i]) != is_param(sb[i])) return !is_param(sa[i]);
  return false;
}

}  // namespace

void Router::add(Method method, std::string pattern, Handler handler, Execution execution, std::string reason,
                 FailureResponse failure) {
  validate_pattern(pattern);
  if (!handler) throw std::logic_error("route " + pattern + " has no handler");
  for (const Route& r : routes_)
    if (r.method == method && same_shape(r.pattern, pattern))
      throw std::logic_error("route registered twice: " + std::string(to_string(method)) + " " + pattern);
  std::vector<std::string> segments;
  for (std::string_view seg : split_segments(pattern)) segments.emplace_back(seg);
  routes_.push_back(Route{method, std::move(pattern), std::move(handler), execution, std::move(reason),
                          std::move(segments), std::move(failure), routes_.size()});
}

RouteMatch Router::match(Method method, std::string_view path) const {
  RouteMatch result;
  if (path.empty() || path.front() != '/') return result;

  // Split before decoding so an encoded '/' (%2F) stays inside its segment.
  std::vector<std::string> segments;
  for (std::string_view raw : split_segments(path)) {
    auto decoded = percent_decode(raw);
    if (!decoded) return result;
    segments.push_back(std::move(*decoded));
  }

  const Route* head_fallback = nullptr;
  std::map<std::string, std::string, std::less<>> head_fallback_params;
  for (const Route& route : routes_) {
    std::map<std::string, std::string, std::less<>> params;
    if (!match_pattern(route.segments, segments, params)) continue;
    if (std::find(result.allowed.begin(), result.allowed.end(), route.method) == result.allowed.end())
      result.allowed.push_back(route.method);
    if (route.method == method) {
      if (!result.route || more_specific(route.pattern, result.route->pattern)) {
        result.route = &route;
        result.params = std::move(params);
      }
    } else if (method == Method::head && route.method == Method::get) {
      if (!head_fallback || more_specific(route.pattern, head_fallback->pattern)) {
        head_fallback = &route;
        head_fallback_params = std::move(params);
      }
    }
  }
  if (!result.route && head_fallback) {
    result.route = head_fallback;
    result.params = std::move(head_fallback_params);
  }
  // GET implies HEAD (RFC 9110 §9.3.2), so the Allow list says so.
  const bool has_get = std::find(result.allowed.begin(), result.allowed.end(), Method::get) != result.allowed.end();
  const bool has_head = std::find(result.allowed.begin(), result.allowed.end(), Method::head) != result.allowed.end();
  if (has_get && !has_head) result.allowed.push_back(Method::head);
  std::sort(result.allowed.begin(), result.allowed.end());
  if (result.route) result.allowed.clear();
  return result;
}

}  // namespace authly::http
