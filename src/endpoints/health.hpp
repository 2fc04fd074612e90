#pragma once
// Liveness and readiness probes (Kubernetes): /health/live answers while the process runs;
// /health/ready answers 200 only when every critical dependency answers and the server is not
// draining. Redis is not critical: without it the server still serves (in-process limits, the
// database), so its outage shows as "degraded" without taking every replica out of rotation.
#include <functional>
#include <string>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"

namespace authly::endpoints {

struct DependencyCheck {
  std::string name;             // "database", "redis"
  std::function<bool()> probe;  // must not throw; runs on the blocking pool
  bool critical = true;         // false: a failure reports "degraded" and stays 200
};

http::Response health_live();
// 503 with {"status":"unavailable","checks":{...},"down":[...]} when a critical probe fails or
// `draining`; 200 with {"status":"degraded",...,"down":[...]} when only non-critical ones fail.
http::Response health_ready(const std::vector<DependencyCheck>& checks, bool draining);

}  // namespace authly::endpoints
