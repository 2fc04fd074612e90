#pragma once
// OIDC Back-Channel Logout 1.0 §2.5: logout tokens POSTed to clients' backchannel_logout_uri.
// Delivery never blocks the user's request: tokens are queued and sent by a worker thread with a
// bounded timeout per attempt and retries with doubling delays; failures are logged, not raised.
#include <chrono>
#include <memory>
#include <string>

#include "config/config.hpp"

namespace authly::oidc {

struct LogoutDelivery {
  std::string client_id;
  std::string uri;           // the client's registered backchannel_logout_uri
  std::string logout_token;  // signed, see logout_token.hpp
};

class BackchannelSender {
 public:
  virtual ~BackchannelSender() = default;
  virtual void enqueue(LogoutDelivery delivery) = 0;  // returns at once
  // Waits until the queue is empty and no delivery is in flight, or `timeout` passes; true if idle.
  // For graceful shutdown and tests.
  virtual bool drain(std::chrono::milliseconds timeout) = 0;
};

// libcurl sender: POST application/x-www-form-urlencoded `logout_token=...`; success is a 200 (§2.8;
// 204 accepted too); attempts, timeout and retry delay from config.oidc.
std::unique_ptr<BackchannelSender> make_backchannel_sender(const config::OidcConfig& config);

}  // namespace authly::oidc
