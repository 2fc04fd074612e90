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

class BackchannelSender {
 public:
  virtual ~BackchannelSender() = default;
  // Returns at once. A full queue drops the delivery (logged as backchannel_logout.dropped and
  // counted by dropped()) rather than growing without bound.
  virtual void enqueue(LogoutDelivery delivery) = 0;
  // Waits until the queue is empty and no delivery is in flight, or `timeout` passes; true if idle.
  // For graceful shutdown and tests.
  virtual bool drain(std::chrono::milliseconds timeout) = 0;
  // Deliveries dropped because the queue was full, since start.
  virtual std::uint64_t dropped() const = 0;
};

}  // namespace authly::oidc
