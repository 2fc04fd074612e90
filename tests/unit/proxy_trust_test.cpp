#include "http/server/proxy_trust.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace authly::http {
namespace {

TEST(ProxyTrust, IgnoresForwardedForFromUntrustedPeer) {
  const ProxyTrust trust({"10.0.0.1"});
  EXPECT_EQ(trust.client_address("203.0.113.9", {"1.2.3.4"}), "203.0.113.9");
  EXPECT_EQ(ProxyTrust().client_address("203.0.113.9", {"1.2.3.4"}), "203.0.113.9");
}

TEST(ProxyTrust, TakesLastUntrustedHop) {
  const ProxyTrust trust({"10.0.0.1", "10.0.0.2"});
  // The client forged "6.6.6.6"; the real client is what our outer proxy saw.
  EXPECT_EQ(trust.client_address("10.0.0.1", {"6.6.6.6, 198.51.100.7, 10.0.0.2"}), "198.51.100.7");
  EXPECT_EQ(trust.client_address("10.0.0.1", {"6.6.6.6", "198.51.100.7"}), "198.51.100.7");  // split fields
}

TEST(ProxyTrust, TrustedPeerWithoutForwardedForIsTheClient) {
  const ProxyTrust trust({"10.0.0.1"});
  EXPECT_EQ(trust.client_address("10.0.0.1", {}), "10.0.0.1");
}

TEST(ProxyTrust, AllHopsTrustedGivesTheLeftmost) {
  const ProxyTrust trust({"10.0.0.0/8"});
  EXPECT_EQ(trust.client_address("10.0.0.1", {"10.1.1.1, 10.2.2.2"}), "10.1.1.1");
}

TEST(ProxyTrust, GarbageHopStopsTheWalk) {
  const ProxyTrust trust({"10.0.0.1"});
  EXPECT_EQ(trust.client_address("10.0.0.1", {"1.2.3.4, not-an-ip"}), "10.0.0.1");
  EXPECT_EQ(trust.client_address("10.0.0.1", {"not-an-ip, 1.2.3.4"}), "1.2.3.4");
}

TEST(ProxyTrust, CidrRanges) {
  const ProxyTrust trust({"10.0.0.0/8", "192.168.4.0/22", "fd00::/8"});
  EXPECT_TRUE(trust.trusts("10.255.1.2"));
  EXPECT_FALSE(trust.trusts("11.0.0.1"));
  EXPECT_TRUE(trust.trusts("192.168.7.255"));
  EXPECT_FALSE(trust.trusts("192.168.8.0"));
  EXPECT_TRUE(trust.trusts("fd12::1"));
  EXPECT_FALSE(trust.trusts("fe80::1"));
  EXPECT_FALSE(trust.trusts("garbage"));
}

TEST(ProxyTrust, ZeroPrefixTrustsEveryAddressOfThatFamily) {
  const ProxyTrust trust({"0.0.0.0/0"});
  EXPECT_TRUE(trust.trusts("8.8.8.8"));
  EXPECT_FALSE(trust.trusts("::1"));
}

TEST(ProxyTrust, MappedIpv4IsPlainIpv4) {
  const ProxyTrust trust({"127.0.0.1"});
  EXPECT_TRUE(trust.trusts("::ffff:127.0.0.1"));
  EXPECT_EQ(trust.client_address("::ffff:127.0.0.1", {"[2001:db8::1]:443"}), "2001:db8::1");
  EXPECT_EQ(ProxyTrust().client_address("::ffff:192.0.2.1", {}), "192.0.2.1");
}

TEST(ProxyTrust, HopsMayCarryPorts) {
  const ProxyTrust trust({"10.0.0.1"});
  EXPECT_EQ(trust.client_address("10.0.0.1", {"198.51.100.7:5555"}), "198.51.100.7");
}

TEST(ProxyTrust, InvalidEntriesThrow) {
  EXPECT_THROW(ProxyTrust({"proxy.example"}), std::invalid_argument);
  EXPECT_THROW(ProxyTrust({"10.0.0.0/33"}), std::invalid_argument);
  EXPECT_THROW(ProxyTrust({"10.0.0.0/x"}), std::invalid_argument);
  EXPECT_THROW(ProxyTrust({"::/129"}), std::invalid_argument);
  EXPECT_NO_THROW(ProxyTrust({"::1", "2001:db8::/32"}));
}

}  // namespace
}  // namespace authly::http
