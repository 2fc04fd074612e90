#include "endpoints/health.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace authly::endpoints {
namespace {

http::Response no_store(http::Response r) {
  // Probes must reach the server, never a cache in between.
  r.headers.set("Cache-Control", "no-store");
  return r;
}

}  // namespace

http::Response health_live() { return no_store(http::Response::json(200, R"({"status":"ok"})")); }

http::Response health_ready(const std::vector<DependencyCheck>& checks, bool draining) {
  boost::json::object status;
  boost::json::array down;
  bool critical_down = draining;
  for (const auto& check : checks) {
    bool up = false;
    try {
      up = check.probe();
    } catch (...) {
      up = false;  // a probe that throws is a dependency that is down
    }
    status[check.name] = up ? "up" : "down";
    if (!up) down.emplace_back(check.name);
    critical_down = critical_down || (!up && check.critical);
  }
  if (draining) down.emplace_back("shutting_down");
  boost::json::object body;
  const bool ready = !critical_down;
  body["status"] = !ready ? "unavailable" : down.empty() ? "ok" : "degraded";
  body["checks"] = std::move(status);
  if (!down.empty()) body["down"] = std::move(down);
  return no_store(http::Response::json(ready ? 200 : 503, boost::json::serialize(body)));
}

}  // namespace authly::endpoints
