#include "http/auth_challenge.hpp"

namespace authly::http {

std::string quoted_string(std::string_view value) {
  std::string out;
  out.reserve(value.size() + 2);
  out.push_back('"');
  for (const char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7f) continue;
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string auth_challenge(std::string_view scheme, std::initializer_list<ChallengeParam> params) {
  std::string out(scheme);
  bool first = true;
  for (const auto& p : params) {
    if (p.value.empty()) continue;
    out += first ? " " : ", ";
    first = false;
    out.append(p.name).push_back('=');
    out += quoted_string(p.value);
  }
  return out;
}

}  // namespace authly::http
