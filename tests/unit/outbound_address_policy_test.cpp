// The outbound request policy (oauth/outbound_url.hpp): which URLs and which resolved addresses a
// back-channel logout POST or a jwks_uri fetch may reach, depending on who registered the client.
#include <gtest/gtest.h>

#include "oauth/outbound_url.hpp"

namespace authly::oauth {
namespace {

using C = AddressClass;

struct Row {
  const char* address;
  AddressClass expected;
};

TEST(OutboundAddressPolicy, ClassifiesIpv4SpecialPurposeBlocks) {
  const Row rows[] = {
      {"8.8.8.8", C::public_},           {"93.184.216.34", C::public_},      {"127.0.0.1", C::loopback},
      {"127.255.255.254", C::loopback},  {"10.0.0.1", C::private_},          {"172.16.0.1", C::private_},
      {"172.31.255.255", C::private_},   {"172.32.0.1", C::public_},         {"172.15.255.255", C::public_},
      {"192.168.1.1", C::private_},      {"169.254.169.254", C::link_local}, {"100.64.0.1", C::shared},
      {"100.127.255.255", C::shared},    {"100.128.0.1", C::public_},        {"0.0.0.0", C::unspecified},
      {"0.1.2.3", C::unspecified},       {"224.0.0.1", C::multicast},        {"239.255.255.255", C::multicast},
      {"255.255.255.255", C::broadcast}, {"240.0.0.1", C::reserved},         {"192.0.2.1", C::reserved},
      {"198.51.100.1", C::reserved},     {"203.0.113.9", C::reserved},       {"198.18.0.1", C::reserved},
      {"192.0.0.8", C::reserved},
  };
  for (const auto& row : rows) EXPECT_EQ(classify_ip_literal(row.address), row.expected) << row.address;
}

TEST(OutboundAddressPolicy, ClassifiesIpv6IncludingEmbeddedIpv4Forms) {
  const Row rows[] = {
      {"2606:4700::1111", C::public_},
      {"::1", C::loopback},
      {"[::1]", C::loopback},
      {"::", C::unspecified},
      {"fc00::1", C::private_},
      {"fd12:3456::1", C::private_},
      {"fe80::1", C::link_local},
      {"febf::1", C::link_local},
      {"fec0::1", C::private_},
      {"ff02::1", C::multicast},
      {"2001:db8::1", C::reserved},
      {"2001::1", C::reserved},  // Teredo
      {"100::1", C::reserved},   // discard-only
      // IPv4-mapped and IPv4-compatible forms are their IPv4 address.
      {"::ffff:127.0.0.1", C::loopback},
      {"::ffff:7f00:1", C::loopback},
      {"::ffff:169.254.169.254", C::link_local},
      {"::ffff:10.1.2.3", C::private_},
      {"::ffff:8.8.8.8", C::public_},
      {"::127.0.0.1", C::loopback},
      {"::10.0.0.1", C::private_},
      // NAT64 and 6to4 reach the embedded IPv4 address.
      {"64:ff9b::a9fe:a9fe", C::link_local},
      {"64:ff9b::808:808", C::public_},
      {"64:ff9b:1::1", C::private_},
      {"2002:7f00:1::1", C::loopback},
      {"2002:c0a8:101::1", C::private_},
  };
  for (const auto& row : rows) EXPECT_EQ(classify_ip_literal(row.address), row.expected) << row.address;
  EXPECT_FALSE(classify_ip_literal("example.com"));
  EXPECT_FALSE(classify_ip_literal("127.1"));
}

TEST(OutboundAddressPolicy, InternalAddressesOnlyForAdministratorsAndSomeForNobody) {
  for (const auto c : {C::loopback, C::private_, C::link_local, C::shared}) {
    EXPECT_TRUE(address_allowed(c, Registrar::administrator)) << to_string(c);
    EXPECT_FALSE(address_allowed(c, Registrar::self)) << to_string(c);
  }
  for (const auto c : {C::unspecified, C::multicast, C::broadcast, C::reserved}) {
    EXPECT_FALSE(address_allowed(c, Registrar::administrator)) << to_string(c);
    EXPECT_FALSE(address_allowed(c, Registrar::self)) << to_string(c);
  }
  EXPECT_TRUE(address_allowed(C::public_, Registrar::self));
}

TEST(OutboundAddressPolicy, SchemeAndHostAreComparedCaseInsensitively) {
  // The URIs that were accepted from anonymous registrants and POSTed to at logout.
  for (const char* uri :
       {"HTTP://127.0.0.1:6379/internal-admin?action=purge", "Http://localhost/x", "hTTp://LOCALHOST:8080/",
        "HTTPS://LocalHost./x", "https://169.254.169.254/latest", "HTTPS://[::FFFF:127.0.0.1]/", "https://[::1]:8443/",
        "https://10.0.0.8/jwks", "https://100.64.1.1/", "https://app.localhost/", "https://0.0.0.0/"})
    EXPECT_FALSE(parse_outbound_url(uri, Registrar::self)) << uri;
  auto admin = parse_outbound_url("HTTP://LocalHost:8080/bc?Tenant=A", Registrar::administrator);
  ASSERT_TRUE(admin) << admin.error();
  EXPECT_EQ(admin->url, "http://localhost:8080/bc?Tenant=A");
  EXPECT_EQ(admin->scheme, "http");
  EXPECT_EQ(admin->host, "localhost");
  EXPECT_TRUE(admin->loopback_host);
}

TEST(OutboundAddressPolicy, NumericHostNamesAreRefused) {
  // inet_aton reads these as 127.0.0.1; they are not DNS names.
  for (const char* uri : {"https://127.1/", "https://2130706433/", "https://0x7f000001/", "https://0x7f.1/",
                          "https://017700000001/", "https://a.b.0x10/"})
    for (const auto who : {Registrar::self, Registrar::administrator})
      EXPECT_FALSE(parse_outbound_url(uri, who)) << uri;
  EXPECT_FALSE(parse_outbound_url("https://%31%32%37.0.0.1/", Registrar::self));
  EXPECT_TRUE(parse_outbound_url("https://1password.example/", Registrar::self));
}

TEST(OutboundAddressPolicy, HttpOnlyOnLoopbackForAdministrators) {
  EXPECT_TRUE(parse_outbound_url("http://127.0.0.1:9000/bc", Registrar::administrator));
  EXPECT_TRUE(parse_outbound_url("http://[::1]:9000/bc", Registrar::administrator));
  EXPECT_FALSE(parse_outbound_url("http://rp.example/bc", Registrar::administrator));
  EXPECT_FALSE(parse_outbound_url("http://10.0.0.1/bc", Registrar::administrator));
  EXPECT_FALSE(parse_outbound_url("http://rp.example/bc", Registrar::self));
  EXPECT_TRUE(parse_outbound_url("https://10.0.0.1/bc", Registrar::administrator));
  EXPECT_TRUE(parse_outbound_url("https://rp.example/bc", Registrar::self));
}

TEST(OutboundAddressPolicy, UrlShapeRules) {
  for (const char* uri : {"https://user:pw@rp.example/x", "https://rp.example/x#frag", "rp.example/x", "/x",
                          "ftp://rp.example/x", "file:///etc/passwd", "gopher://rp.example/", "https:///x",
                          "https://127.0.0.1.evil.example/x", "https://rp.example:99999/x", "javascript:alert(1)"})
    EXPECT_FALSE(parse_outbound_url(uri, Registrar::administrator)) << uri;
  auto u = parse_outbound_url("https://RP.Example:443", Registrar::self);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->url, "https://rp.example/");
  EXPECT_EQ(u->port, 443);
  auto v6 = parse_outbound_url("https://[2606:4700::1111]:8443/k", Registrar::self);
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "2606:4700::1111");
  EXPECT_EQ(v6->url, "https://[2606:4700::1111]:8443/k");
}

TEST(OutboundAddressPolicy, EveryResolvedAddressIsCheckedAfterDns) {
  auto url = parse_outbound_url("https://rp.example/bc", Registrar::self).value();
  EXPECT_FALSE(check_resolved_addresses(url, {C::public_}, Registrar::self));
  // A public name that resolves (also) to an internal address: refused for a self-registered client.
  EXPECT_TRUE(check_resolved_addresses(url, {C::public_, C::loopback}, Registrar::self));
  EXPECT_TRUE(check_resolved_addresses(url, {C::link_local}, Registrar::self));
  EXPECT_FALSE(check_resolved_addresses(url, {C::private_}, Registrar::administrator));
  EXPECT_TRUE(check_resolved_addresses(url, {}, Registrar::self));
  EXPECT_TRUE(check_resolved_addresses(url, {C::multicast}, Registrar::administrator));
  // Plain http must stay on the host even when localhost resolves elsewhere.
  auto http = parse_outbound_url("http://localhost:9000/bc", Registrar::administrator).value();
  EXPECT_FALSE(check_resolved_addresses(http, {C::loopback}, Registrar::administrator));
  EXPECT_TRUE(check_resolved_addresses(http, {C::loopback, C::private_}, Registrar::administrator));
}

}  // namespace
}  // namespace authly::oauth
