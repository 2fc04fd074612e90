// Form bodies and query strings (http/form.hpp): FormParams::parse, percent_decode and the
// builders. Invariants: nothing throws; an accepted input has at most kMaxFormParams pairs whose
// look-ups agree with the pair list; encode_form output parses back to the same pairs.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/form.hpp"
#include "http/limits.hpp"

using namespace authly::http;

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)is_form_urlencoded(input);
  if (auto decoded = percent_decode(input)) require(decoded->find('\0') == std::string::npos);

  auto parsed = FormParams::parse(input);
  if (!parsed) {
    // The message gives an offset, never the input (a body may carry secrets).
    require(!parsed.error().empty());
    return 0;
  }
  const FormParams& params = *parsed;
  require(params.size() <= kMaxFormParams);
  std::size_t repeated_names = 0;
  for (const auto& [name, value] : params) {
    require(params.has(name));
    require(params.get(name).has_value());
    require(params.all(name).size() == params.count(name));
    if (params.count(name) > 1) ++repeated_names;
  }
  require(params.first_repeated().has_value() == (repeated_names > 0));

  const std::string encoded = encode_form(params.pairs());
  auto again = FormParams::parse(encoded);
  require(again.ok());
  require(again->pairs() == params.pairs());

  const std::string uri = append_query("https://rp.example/cb?state=1#frag", params.pairs());
  require(params.empty() || uri.ends_with("#frag"));
  return 0;
}
