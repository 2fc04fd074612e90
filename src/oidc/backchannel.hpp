#pragma once
// OIDC Back-Channel Logout 1.0 §2.5: logout tokens POSTed to clients' backchannel_logout_uri.
// Delivery never blocks the user's request: tokens are queued and sent in the background with a
// bounded timeout per attempt and retries on the schedule of backchannel_retry.hpp; failures are
// logged, not raised. The libcurl implementation lives in outbound/ (oidc does not link curl).
#include <chrono>
#include <cstdint>
#include <string>

#include "oauth/outbound_url.hpp"

namespace authly::oidc {

struct LogoutDelivery {
  std::string client_id;
  std::string uri;           // the client's registered backchannel_logout_uri
  std::string logout_token;  // signed, see logout_token.hpp
  // Who registered the client: decides which addresses the POST may reach (oauth/outbound_url.hpp).
  oauth::Registrar registrar = oauth::Registrar::self;
};

// Deliveries since start by how they ended, and what waits now (for /metrics).
struct DeliveryCounts {
  std::uint64_t delivered = 0;  // the relying party answered 200 or 204
  std::uint64_t failed = 0;     // refused or unreachable on every attempt (retries exhausted)
  std::uint64_t refused = 0;    // the address policy forbids the URI (not retried)
  std::uint64_t dropped = 0;    // the queue was full
  std::uint64_t retries = 0;    // attempts scheduled again after a failure
  std::uint64_t queued = 0;     // waiting now, retries included
};

class BackchannelSender {
 public:
  virtual ~BackchannelSender() = default;
  // Returns at once. A full queue drops the delivery (logged as backchannel_logout.dropped and
  // counted) rather than growing without bound.
  virtual void enqueue(LogoutDelivery delivery) = 0;
  // Waits until the queue is empty and no delivery is in flight, or `timeout` passes; true if idle.
  // For graceful shutdown and tests.
  virtual bool drain(std::chrono::milliseconds timeout) = 0;
  virtual DeliveryCounts counts() const = 0;
};

}  // namespace authly::oidc
