#include "outbound/jwks_fetcher.hpp"

#include <memory>

#include "observability/logger.hpp"
#include "outbound/http_client.hpp"

namespace authly::outbound {

oauth::JwksDocument fetch_jwks(const std::string& url, oauth::Registrar who) {
  OutboundRequest request;
  request.url = url;
  request.registrar = who;
  request.timeout = kJwksFetchTimeout;
  request.max_response_bytes = kMaxJwksBytes;
  auto response = perform(request);
  if (response.status == 200) return std::move(response.body);
  observability::warn(
      "jwks_uri.fetch_failed",
      {{"uri", url}, {"status", response.status}, {"refused", response.refused}, {"error", response.error}});
  return std::nullopt;
}

oauth::JwksFetch make_jwks_fetch(FetchExecutor& executor) {
  return [&executor](const std::string& url,
                     oauth::Registrar who) -> std::optional<std::shared_future<oauth::JwksDocument>> {
    auto promise = std::make_shared<std::promise<oauth::JwksDocument>>();
    auto future = promise->get_future().share();
    if (!executor.try_submit([promise, url, who] { promise->set_value(fetch_jwks(url, who)); })) {
      observability::warn("jwks_uri.fetch_shed", {{"uri", url}});
      return std::nullopt;
    }
    return future;
  };
}

}  // namespace authly::outbound
