#pragma once
// Per-client-IP limits of the anonymous endpoints that write rows: every authorization request
// may store an interaction (login and consent state, up to the size limits of its parameters),
// and every open registration a client. Without a limit one host can fill the database faster than
// the purge empties it. Counted in cache::RateLimiter (fixed windows, shared through Redis when
// configured; fails closed when Redis is unreachable, DESIGN.md §7).
#include <chrono>
#include <optional>
#include <string_view>

#include "cache/rate_limiter.hpp"

namespace authly::oauth {

// How long the client should wait (RFC 6585 §4 Retry-After), or nullopt when the request may go on.
// Authorization requests (GET and POST alike): `per_minute` per IP per minute.
std::optional<std::chrono::seconds> authorize_throttled(cache::RateLimiter& limiter, int per_minute,
                                                        std::string_view client_ip);
// RFC 7591 registrations without an administrator's token: `per_hour` per IP per hour.
std::optional<std::chrono::seconds> registration_throttled(cache::RateLimiter& limiter, int per_hour,
                                                           std::string_view client_ip);

}  // namespace authly::oauth
