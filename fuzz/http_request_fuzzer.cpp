// The bytes of one connection through the request path the server runs (http/server/session.cpp):
// Beast's parser with the server's header and body limits, the header-count and Transfer-Encoding
// refusals, then to_request (target, Host, cookie count, X-Forwarded-For behind a trusted proxy),
// routing and the response framing. Invariants: nothing throws, an accepted request has one Host
// (HTTP/1.1) and a NUL-free decoded path, and the serialised response head splits no header.
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/cookies.hpp"
#include "http/form.hpp"
#include "http/limits.hpp"
#include "http/router.hpp"
#include "http/server/dispatch.hpp"
#include "http/server/proxy_trust.hpp"
#include "http/server/wire.hpp"

namespace bhttp = boost::beast::http;
using namespace authly::http;

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

const Router& router() {
  static const Router r = [] {
    Router out;
    auto echo = [](Request& req) {
      Response res = Response::json(200, "{}");
      // Request bytes in a response header: to_wire must refuse what would split the head.
      if (auto v = req.header("X-Echo")) res.headers.add("X-Echo", std::string(*v));
      return res;
    };
    out.add(Method::get, "/.well-known/openid-configuration", echo);
    out.add(Method::post, "/oauth/token", echo);
    out.add(Method::get, "/oauth/clients/{client_id}", echo);
    out.add(Method::put, "/oauth/clients/{client_id}", echo);
    return out;
  }();
  return r;
}

detail::WireRequest from_beast(bhttp::request<bhttp::string_body>&& in) {
  detail::WireRequest out;
  out.method = std::string(std::string_view(in.method_string()));
  out.target = std::string(std::string_view(in.target()));
  out.version = in.version();
  for (const auto& field : in)
    out.fields.emplace_back(std::string(std::string_view(field.name_string())),
                            std::string(std::string_view(field.value())));
  out.body = std::move(in.body());
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ProxyTrust proxies({"10.0.0.0/8", "fd00::/8"});
  static const detail::ErrorLog quiet = [](std::string_view) {};

  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(16 * 1024);  // ServerOptions defaults
  parser.body_limit(1024 * 1024);
  parser.eager(true);
  boost::beast::error_code ec;
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  while (!rest.empty() && !parser.is_done()) {
    const std::size_t used = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
    if (ec == bhttp::error::need_more) {
      ec = {};
      if (used == 0) break;
    }
    if (ec) break;
    rest.remove_prefix(used);
  }
  if (!ec && !parser.is_done() && parser.got_some()) parser.put_eof(ec);  // Beast: only after some bytes
  if (ec || !parser.is_done()) {
    (void)detail::logged_target(std::string_view(parser.get().method_string()),
                                std::string_view(parser.get().target()));
    return 0;
  }
  const std::size_t fields = static_cast<std::size_t>(std::distance(parser.get().begin(), parser.get().end()));
  if (detail::check_header_field_count(fields)) return 0;
  if (parser.get().count(bhttp::field::transfer_encoding) > 0 && !parser.chunked()) return 0;

  bhttp::request<bhttp::string_body> parsed = parser.release();
  const unsigned version = parsed.version();
  const bool keep_alive = parsed.keep_alive();
  Request req;
  std::string encoded_path;
  if (detail::to_request(from_beast(std::move(parsed)), "10.0.0.1", proxies, req, encoded_path)) return 0;

  require(req.path.find('\0') == std::string::npos);
  require(req.headers.count("Host") == 1 || (version < 11 && req.headers.count("Host") == 0));
  require(count_cookies(req.headers) <= kMaxCookies);
  require(Cookies::from_headers(req.headers).size() <= kMaxCookies);
  require(!req.remote_address.empty());
  (void)FormParams::parse(req.query);
  (void)FormParams::parse(req.body);

  detail::Dispatch dispatch = detail::route_request(router(), req, encoded_path);
  Response res = detail::run_guarded({}, req, dispatch.handler, quiet, dispatch.failure);
  const detail::WireResponse wire =
      detail::to_wire(std::move(res), version, req.method == Method::head, keep_alive, quiet);
  const std::string head = detail::serialize_head(wire, version);
  // Bare CR or LF never appear, and the one empty line is the last: no request byte split the head.
  require(head.find("\r\n\r\n") == head.size() - 4);
  for (std::size_t i = 0; i < head.size(); ++i) {
    if (head[i] == '\r') require(i + 1 < head.size() && head[i + 1] == '\n');
    if (head[i] == '\n') require(i > 0 && head[i - 1] == '\r');
  }
  return 0;
}
