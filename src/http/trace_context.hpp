#pragma once
// W3C Trace Context (Recommendation, Level 1, https://www.w3.org/TR/trace-context/): the
// `traceparent` request header that ties Authly's log lines to the caller's trace. Authly ends
// the trace here (it forwards no request downstream), so it reads traceparent, logs its ids and
// never parses `tracestate` (vendor data; §3.3 is only for those that propagate it).
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace authly::http {

// A request's trace: the caller's when it sent a valid traceparent, otherwise one Authly started.
// Fixed-size, so carrying it costs a request no allocation.
struct TraceContext {
  std::array<char, 32> trace_id{};   // §3.2.2.3: 32 lowercase hex digits; all '\0' until set
  std::array<char, 16> parent_id{};  // §3.2.2.4: the caller's span; all '\0' when the trace started here
  std::uint8_t flags = 0;            // §3.2.2.5 trace-flags (bit 0: sampled)

  bool has_trace() const noexcept { return trace_id[0] != '\0'; }
  bool has_parent() const noexcept { return parent_id[0] != '\0'; }
  std::string_view trace_id_view() const noexcept {
    return has_trace() ? std::string_view(trace_id.data(), trace_id.size()) : std::string_view();
  }
  std::string_view parent_id_view() const noexcept {
    return has_parent() ? std::string_view(parent_id.data(), parent_id.size()) : std::string_view();
  }
};

// One traceparent value, strictly (§3.2.2): "version-trace_id-parent_id-flags", lowercase hex only,
// version ff invalid (§3.2.2.1), neither id all zeros (§3.2.2.3, §3.2.2.4). Version 00 is exactly
// 55 characters; a higher version is read by its first four fields as §3.2.4 says (at least 55
// characters, and after the flags either the end or '-'). nullopt: invalid, start a new trace.
std::optional<TraceContext> parse_traceparent(std::string_view value) noexcept;

// A new trace (§3.2.2.3: random, not all zeros) with no parent and no flags set. Trace ids
// correlate log lines and are no secret: they come from a per-thread xoshiro256** seeded once from
// the kernel CSPRNG, so a request costs no system call.
TraceContext new_trace() noexcept;

}  // namespace authly::http
