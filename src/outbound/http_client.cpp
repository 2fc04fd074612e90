#include "outbound/http_client.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <sys/socket.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <vector>

#include "outbound/vetted_addresses.hpp"

namespace authly::outbound {
namespace {

struct Transfer {
  std::string body;
  std::size_t max_bytes = 0;
  bool too_large = false;
  std::vector<std::string> vetted;  // the only addresses a socket may be opened to
  bool vetoed = false;
};

std::size_t on_data(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t bytes = size * n;
  if (t->body.size() + bytes > t->max_bytes) {
    t->too_large = true;
    return 0;  // aborts the transfer
  }
  t->body.append(data, bytes);
  return bytes;
}

// The last line of defence: whatever address libcurl is about to connect to (including one it
// found itself, should the CURLOPT_RESOLVE pin not apply) must be one we vetted.
curl_socket_t open_vetted_socket(void* user, curlsocktype purpose, curl_sockaddr* address) {
  auto* t = static_cast<Transfer*>(user);
  if (purpose != CURLSOCKTYPE_IPCXN) return CURL_SOCKET_BAD;
  char text[INET6_ADDRSTRLEN] = {};
  if (address->family == AF_INET)
    ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(&address->addr)->sin_addr, text, sizeof text);
  else if (address->family == AF_INET6)
    ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(&address->addr)->sin6_addr, text, sizeof text);
  if (std::find(t->vetted.begin(), t->vetted.end(), std::string(text)) == t->vetted.end()) {
    t->vetoed = true;
    return CURL_SOCKET_BAD;
  }
  return ::socket(address->family, address->socktype, address->protocol);
}

// CURLOPT_RESOLVE entry "host:port:addr[,addr...]" (IPv6 addresses in brackets).
std::string resolve_entry(const oauth::OutboundUrl& url, const std::vector<std::string>& addresses) {
  std::string entry = url.host + ":" + std::to_string(url.port) + ":";
  for (std::size_t i = 0; i < addresses.size(); ++i) {
    if (i) entry += ',';
    entry += addresses[i].find(':') != std::string::npos ? "[" + addresses[i] + "]" : addresses[i];
  }
  return entry;
}

}  // namespace

OutboundResponse perform(const OutboundRequest& request) {
  OutboundResponse out;
  auto url = oauth::parse_outbound_url(request.url, request.registrar);
  if (!url) {
    out.refused = true;
    out.error = "url " + url.error();
    return out;
  }
  auto addresses = resolve_vetted(*url, request.registrar);
  if (!addresses) {
    out.refused = addresses.error().refused;
    out.error = addresses.error().reason;
    return out;
  }

  // curl_global_init is not thread-safe; fetch and delivery threads may get here together.
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) {
    out.error = "curl_easy_init failed";
    return out;
  }
  Transfer transfer;
  transfer.max_bytes = request.max_response_bytes;
  transfer.vetted = *addresses;
  // An IP literal is not resolved by libcurl: only names need the pin.
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> pins(
      url->literal ? nullptr : curl_slist_append(nullptr, resolve_entry(*url, *addresses).c_str()),
      &curl_slist_free_all);
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(nullptr, &curl_slist_free_all);
  if (!request.content_type.empty())
    headers.reset(curl_slist_append(nullptr, ("Content-Type: " + request.content_type).c_str()));

  CURL* c = curl.get();
  const long timeout_ms = static_cast<long>(request.timeout.count());
  curl_easy_setopt(c, CURLOPT_URL, url->url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, url->scheme.c_str());
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);  // a redirect could lead anywhere, unvetted
  curl_easy_setopt(c, CURLOPT_PROXY, "");           // no proxy from the environment: it would bypass the pin
  if (pins) curl_easy_setopt(c, CURLOPT_RESOLVE, pins.get());
  curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, &open_vetted_socket);
  curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &transfer);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE, static_cast<long>(request.max_response_bytes));
  curl_easy_setopt(c, CURLOPT_USERAGENT, "authly");
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &on_data);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &transfer);
  if (headers) curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  if (request.method == "POST") {
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
  }
  const CURLcode rc = curl_easy_perform(c);
  if (transfer.vetoed) {
    out.refused = true;
    out.error = "connection to an address that was not vetted";
    return out;
  }
  if (rc != CURLE_OK || transfer.too_large) {
    out.error = transfer.too_large ? "response too large" : curl_easy_strerror(rc);
    return out;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out.status);
  out.body = std::move(transfer.body);
  return out;
}

}  // namespace authly::outbound
