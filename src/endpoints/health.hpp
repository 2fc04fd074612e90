#pragma once
// Liveness and readiness probes (Kubernetes): /health/live answers while the process runs;
// /health/ready answers 200 only when every dependency answers and the server is not draining.
#include <functional>
#include <string>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"

namespace authly::endpoints {

struct DependencyCheck {
  std::string name;             // "database", "redis"
  std::function<bool()> probe;  // must not throw; runs on the blocking pool
};

http::Response health_live();
// 503 with {"status":"unavailable","checks":{...},"down":[...]} when a probe fails or `draining`.
http::Response health_ready(const std::vector<DependencyCheck>& checks, bool draining);

}  // namespace authly::endpoints
