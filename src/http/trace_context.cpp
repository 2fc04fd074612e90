#include "http/trace_context.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <span>

#include "core/random.hpp"

namespace authly::http {
namespace {

constexpr std::size_t kVersion00Length = 55;  // 2 + 1 + 32 + 1 + 16 + 1 + 2
constexpr std::size_t kTraceIdAt = 3;
constexpr std::size_t kParentIdAt = 36;
constexpr std::size_t kFlagsAt = 53;

// HEXDIGLC (§3.2.2): upper-case hex is not the same id written differently, it is invalid.
int lower_hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool lower_hex(std::string_view s) noexcept {
  return std::all_of(s.begin(), s.end(), [](char c) { return lower_hex_value(c) >= 0; });
}

bool all_zeros(std::string_view s) noexcept {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == '0'; });
}

// xoshiro256** (Blackman and Vigna): fast, and good enough for ids that only need to be unlikely
// to collide.
struct Xoshiro256 {
  std::uint64_t s[4];

  std::uint64_t next() noexcept {
    const std::uint64_t result = std::rotl(s[1] * 5, 7) * 9;
    const std::uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = std::rotl(s[3], 45);
    return result;
  }
};

Xoshiro256 seeded() noexcept {
  Xoshiro256 g{};
  std::uint8_t seed[sizeof g.s];
  try {
    core::SystemRandom().fill(seed);
  } catch (...) {
    // Without the kernel's randomness, distinct per-thread state still keeps ids apart.
    const auto here = reinterpret_cast<std::uintptr_t>(&g);
    std::memset(seed, 0, sizeof seed);
    std::memcpy(seed, &here, sizeof here);
  }
  std::memcpy(g.s, seed, sizeof seed);
  if ((g.s[0] | g.s[1] | g.s[2] | g.s[3]) == 0) g.s[0] = 1;  // the all-zero state is a fixed point
  return g;
}

void write_hex(std::span<char> out, std::uint64_t v) noexcept {
  for (std::size_t i = out.size(); i-- > 0; v >>= 4) out[i] = "0123456789abcdef"[v & 0xf];
}

}  // namespace

std::optional<TraceContext> parse_traceparent(std::string_view value) noexcept {
  if (value.size() < kVersion00Length) return std::nullopt;
  const std::string_view version = value.substr(0, 2);
  // §3.2.2.1: two lowercase hex digits; ff is invalid.
  if (!lower_hex(version) || version == "ff") return std::nullopt;
  if (value[2] != '-' || value[kParentIdAt - 1] != '-' || value[kFlagsAt - 1] != '-') return std::nullopt;
  // §3.2.2.2: version 00 has exactly these four fields; §3.2.4: a later version may append more
  // after a '-', which Authly does not read.
  if (version == "00" ? value.size() != kVersion00Length
                      : value.size() > kVersion00Length && value[kVersion00Length] != '-')
    return std::nullopt;
  const std::string_view trace_id = value.substr(kTraceIdAt, 32);
  const std::string_view parent_id = value.substr(kParentIdAt, 16);
  const std::string_view flags = value.substr(kFlagsAt, 2);
  if (!lower_hex(trace_id) || all_zeros(trace_id)) return std::nullopt;    // §3.2.2.3
  if (!lower_hex(parent_id) || all_zeros(parent_id)) return std::nullopt;  // §3.2.2.4
  if (!lower_hex(flags)) return std::nullopt;                              // §3.2.2.5
  TraceContext out;
  std::copy(trace_id.begin(), trace_id.end(), out.trace_id.begin());
  std::copy(parent_id.begin(), parent_id.end(), out.parent_id.begin());
  out.flags = static_cast<std::uint8_t>(lower_hex_value(flags[0]) * 16 + lower_hex_value(flags[1]));
  return out;
}

TraceContext new_trace() noexcept {
  thread_local Xoshiro256 generator = seeded();
  std::uint64_t high = generator.next();
  const std::uint64_t low = generator.next();
  if ((high | low) == 0) high = 1;  // §3.2.2.3: all zeros is invalid
  TraceContext out;
  write_hex(std::span(out.trace_id).first(16), high);
  write_hex(std::span(out.trace_id).last(16), low);
  return out;
}

}  // namespace authly::http
