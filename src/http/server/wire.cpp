#include "http/server/wire.hpp"

#include <boost/url/parse.hpp>
#include <chrono>
#include <ctime>

#include "http/cookies.hpp"
#include "http/form.hpp"
#include "http/limits.hpp"

namespace authly::http::detail {
namespace {

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

// RFC 9110 §5.5: field-value is visible characters, SP, HTAB and obs-text; CR/LF would split the
// response.
bool is_field_value(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7f) return false;
  }
  return true;
}

// The Date field changes once a second; each I/O thread formats it once per second, not per response.
const std::string& http_date_now() {
  thread_local std::time_t formatted_for = -1;
  thread_local std::string formatted;
  const auto now = std::chrono::system_clock::now();
  const std::time_t secs = std::chrono::system_clock::to_time_t(now);
  if (secs != formatted_for) {
    formatted = format_http_date(now);
    formatted_for = secs;
  }
  return formatted;
}

bool owned_by_server(std::string_view name) {
  return iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding") || iequals(name, "Connection");
}

}  // namespace

std::optional<std::string> to_request(WireRequest in, std::string_view peer, const ProxyTrust& proxies, Request& out,
                                      std::string& encoded_path) {
  out.method = method_from_string(in.method);
  out.target = std::move(in.target);
  auto url = boost::urls::parse_origin_form(out.target);
  if (!url) return "request target must be an absolute path with an optional query";
  encoded_path = url->encoded_path();
  out.path = url->path();
  if (out.path.find('\0') != std::string::npos) return "request path contains an encoded NUL";
  if (url->has_query()) out.query = url->encoded_query();

  for (auto& [name, value] : in.fields) out.headers.add(std::move(name), std::move(value));
  const std::size_t hosts = out.headers.count("Host");
  if (hosts > 1 || (hosts == 0 && in.version >= 11)) return "exactly one Host header is required";
  // Refused here, before routing, so no endpoint parses an unbounded cookie list.
  if (count_cookies(out.headers) > kMaxCookies) return "too many cookies";
  out.body = std::move(in.body);

  std::vector<std::string_view> forwarded;
  for (const auto& [name, value] : out.headers.fields())
    if (iequals(name, "X-Forwarded-For")) forwarded.emplace_back(value);
  out.remote_address = proxies.client_address(peer, forwarded);
  return std::nullopt;
}

WireResponse to_wire(Response res, unsigned version, bool head, bool keep_alive, const ErrorLog& error_log) {
  bool valid = res.status >= 100 && res.status <= 599;
  for (const auto& [name, value] : res.headers.fields()) {
    if (!is_token(name) || !is_field_value(value)) {
      error_log("handler produced an invalid response header field (name or value); answering 500");
      valid = false;
      break;
    }
  }
  if (!valid) res = Response::json_error(500, "server_error", "internal error");

  WireResponse out;
  out.status = res.status;
  out.reason = std::string(reason_phrase(res.status));
  bool has_date = false;
  for (auto& [name, value] : res.headers.fields()) {
    if (owned_by_server(name)) continue;
    has_date = has_date || iequals(name, "Date");
    out.fields.emplace_back(name, value);
  }
  if (!has_date) out.fields.emplace_back("Date", http_date_now());

  // RFC 9112 §6.3: 1xx, 204 and 304 have no content; HEAD states the length it would have had.
  const bool bodiless = res.status < 200 || res.status == 204 || res.status == 304;
  if (!bodiless) out.fields.emplace_back("Content-Length", std::to_string(res.body.size()));
  if (!bodiless && !head) out.body = std::move(res.body);

  if (version >= 11 && !keep_alive) out.fields.emplace_back("Connection", "close");
  if (version < 11 && keep_alive) out.fields.emplace_back("Connection", "keep-alive");
  return out;
}

std::string serialize_head(const WireResponse& res, unsigned version) {
  std::size_t size = 32 + res.reason.size();
  for (const auto& [name, value] : res.fields) size += name.size() + value.size() + 4;
  std::string out;
  out.reserve(size);
  out += version >= 11 ? "HTTP/1.1 " : "HTTP/1.0 ";
  out += std::to_string(res.status);
  out += ' ';
  out += res.reason;
  out += "\r\n";
  for (const auto& [name, value] : res.fields) {
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  out += "\r\n";
  return out;
}

std::optional<std::string> check_header_field_count(std::size_t fields) {
  if (fields > kMaxHeaderFields) return "too many request header fields";
  return std::nullopt;
}

LoggedTarget logged_target(std::string_view method, std::string_view target) {
  LoggedTarget out;
  out.method = std::string(to_string(method_from_string(method)));
  const std::string_view raw_path = target.substr(0, target.find('?'));
  auto decoded = percent_decode(raw_path);
  out.path = decoded ? std::move(*decoded) : std::string(raw_path);
  return out;
}

}  // namespace authly::http::detail
