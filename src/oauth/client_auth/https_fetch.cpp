// libcurl fetcher for client jwks_uri documents (ClientKeyCache's production JwksFetch).
#include <curl/curl.h>

#include <memory>
#include <mutex>

#include "oauth/client_auth/client_key_cache.hpp"

namespace authly::oauth {
namespace {

constexpr std::size_t kMaxBytes = 64 * 1024;

struct Sink {
  std::string body;
  bool too_large = false;
};

std::size_t on_data(char* data, std::size_t size, std::size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t bytes = size * n;
  if (sink->body.size() + bytes > kMaxBytes) {
    sink->too_large = true;
    return 0;  // aborts the transfer
  }
  sink->body.append(data, bytes);
  return bytes;
}

}  // namespace

std::optional<std::string> fetch_jwks_https(const std::string& url) {
  if (url.rfind("https://", 0) != 0) return std::nullopt;
  // curl_global_init is not thread-safe; the blocking pool may call this from several threads.
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });

  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return std::nullopt;
  Sink sink;
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 2000L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 3000L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE, static_cast<long>(kMaxBytes));
  curl_easy_setopt(c, CURLOPT_USERAGENT, "authly");
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &on_data);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  if (curl_easy_perform(c) != CURLE_OK || sink.too_large) return std::nullopt;
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status != 200) return std::nullopt;
  return std::move(sink.body);
}

}  // namespace authly::oauth
