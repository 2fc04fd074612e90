// Cookie request headers and Set-Cookie values (http/cookies.hpp). The input is split on '\n' into
// Cookie fields. Invariants: nothing throws; parse keeps at most kMaxCookies non-empty names with
// the first value of each; count_cookies bounds what from_headers keeps; a Set-Cookie built from
// input is either refused (std::invalid_argument) or a single header line.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

#include "http/cookies.hpp"
#include "http/headers.hpp"
#include "http/limits.hpp"

using namespace authly::http;

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

void check_set_cookie(std::string_view name, std::string_view value, std::string_view path) {
  SetCookie c;
  c.name = std::string(name);
  c.value = std::string(value);
  c.path = std::string(path);
  c.secure = name.starts_with("__");
  try {
    const std::string header = c.to_header_value();
    for (char ch : header) require(ch != '\r' && ch != '\n' && ch != '\0');
  } catch (const std::invalid_argument&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const Cookies one = Cookies::parse(input);
  require(one.size() <= kMaxCookies);
  for (const auto& [name, value] : one.pairs()) {
    require(!name.empty());
    require(one.get(name).has_value());
  }

  Headers headers;
  std::string_view rest = input;
  while (!rest.empty()) {
    const std::size_t nl = rest.find('\n');
    headers.add("Cookie", std::string(rest.substr(0, nl)));
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
  }
  const Cookies all = Cookies::from_headers(headers);
  require(all.size() <= kMaxCookies);
  require(all.size() <= count_cookies(headers));

  const std::size_t eq = input.find('=');
  const std::string_view name = input.substr(0, eq);
  const std::string_view value = eq == std::string_view::npos ? std::string_view{} : input.substr(eq + 1);
  check_set_cookie(name, value, "/");
  check_set_cookie("authly_session", value, value);
  return 0;
}
