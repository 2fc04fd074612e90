// The outbound HTTP client (outbound/http_client.hpp) against real sockets: the address policy is
// applied to what a name resolves to, before any connection, and redirects are not followed.
#include <gtest/gtest.h>
#include <unistd.h>

#include <climits>
#include <thread>

#include "http/server/server.hpp"
#include "outbound/http_client.hpp"
#include "outbound/jwks_fetcher.hpp"
#include "outbound/vetted_addresses.hpp"
#include "support/hanging_listener.hpp"

namespace authly::test {
namespace {

using oauth::Registrar;

class Origin {
 public:
  Origin() {
    http::Router router;
    router.add(http::Method::get, "/jwks", [this](http::Request&) {
      ++hits_;
      http::Response r;
      r.status = 200;
      r.body = R"({"keys":[]})";
      return r;
    });
    router.add(http::Method::get, "/redirect", [this](http::Request&) {
      ++hits_;
      http::Response r;
      r.status = 302;
      r.headers.set("Location", "/jwks");
      return r;
    });
    http::ServerOptions options;
    options.port = 0;
    options.io_threads = 1;
    options.blocking_threads = 1;
    server_ = std::make_unique<http::Server>(options, std::move(router), std::vector<http::Middleware>{});
    server_->start();
    thread_ = std::thread([this] { server_->run_until_stopped(); });
  }
  ~Origin() {
    server_->stop();
    thread_.join();
  }
  std::uint16_t port() const { return server_->port(); }
  int hits() const { return hits_.load(); }

 private:
  std::atomic<int> hits_{0};
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
};

outbound::OutboundResponse get(const std::string& url, Registrar who) {
  outbound::OutboundRequest r;
  r.url = url;
  r.registrar = who;
  r.timeout = std::chrono::milliseconds(3'000);
  return outbound::perform(r);
}

TEST(OutboundFetchPinning, LoopbackIsReachedOnlyForAdministratorsClients) {
  Origin origin;
  const std::string url = "http://127.0.0.1:" + std::to_string(origin.port()) + "/jwks";
  auto admin = get(url, Registrar::administrator);
  EXPECT_EQ(admin.status, 200) << admin.error;
  EXPECT_EQ(admin.body, R"({"keys":[]})");
  auto self = get(url, Registrar::self);
  EXPECT_TRUE(self.refused);
  EXPECT_EQ(self.status, 0);
  EXPECT_EQ(origin.hits(), 1);
}

TEST(OutboundFetchPinning, AddressIsCheckedAfterDnsBeforeConnecting) {
  // This machine's own name resolves to one of its addresses (loopback in a container, or a
  // private address): a DNS name that looks public to registration and is internal after resolution.
  char name[HOST_NAME_MAX + 1] = {};
  ASSERT_EQ(::gethostname(name, sizeof name), 0);
  auto parsed = oauth::parse_outbound_url(std::string("https://") + name + "/", Registrar::self);
  if (!parsed) GTEST_SKIP() << "host name " << name << " is refused before DNS already";
  auto resolved = outbound::resolve_vetted(*parsed, Registrar::administrator);
  if (!resolved) GTEST_SKIP() << "host name " << name << " does not resolve here";
  bool internal = false;
  for (const auto& a : *resolved) internal = internal || outbound::classify_numeric(a) != oauth::AddressClass::public_;
  if (!internal) GTEST_SKIP() << "host name " << name << " resolves to a public address here";

  HangingListener listener;  // on 127.0.0.1; a connection attempt would show up here
  const std::string url = std::string("https://") + name + ":" + std::to_string(listener.port()) + "/jwks";
  auto self = get(url, Registrar::self);
  EXPECT_TRUE(self.refused) << self.error;
  EXPECT_EQ(listener.accepted(), 0);
  auto vetted = outbound::resolve_vetted(*oauth::parse_outbound_url(url, Registrar::self), Registrar::self);
  EXPECT_FALSE(vetted);

  // An administrator's client reaches the same name, through the address we resolved and vetted
  // (the listener speaks no TLS: the connection is what counts). Only where the name is loopback,
  // which is where the listener is.
  for (const auto& a : *resolved)
    if (a != "127.0.0.1") return;
  outbound::OutboundRequest admin;
  admin.url = url;
  admin.registrar = Registrar::administrator;
  admin.timeout = std::chrono::milliseconds(300);
  auto reached = outbound::perform(admin);
  EXPECT_FALSE(reached.refused) << reached.error;
  EXPECT_EQ(listener.accepted(), 1);
}

TEST(OutboundFetchPinning, RedirectsAreNotFollowed) {
  Origin origin;
  auto r = get("http://127.0.0.1:" + std::to_string(origin.port()) + "/redirect", Registrar::administrator);
  EXPECT_EQ(r.status, 302);
  EXPECT_EQ(origin.hits(), 1);
  EXPECT_FALSE(outbound::fetch_jwks("http://127.0.0.1:" + std::to_string(origin.port()) + "/redirect",
                                    Registrar::administrator));
}

TEST(OutboundFetchPinning, ProxySettingsFromTheEnvironmentAreIgnored) {
  Origin origin;
  HangingListener proxy;
  const std::string proxy_url = "http://127.0.0.1:" + std::to_string(proxy.port());
  ::setenv("http_proxy", proxy_url.c_str(), 1);
  ::setenv("HTTPS_PROXY", proxy_url.c_str(), 1);
  auto r = get("http://127.0.0.1:" + std::to_string(origin.port()) + "/jwks", Registrar::administrator);
  ::unsetenv("http_proxy");
  ::unsetenv("HTTPS_PROXY");
  EXPECT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(proxy.accepted(), 0);
}

}  // namespace
}  // namespace authly::test
