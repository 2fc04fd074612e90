// CSRF defence by origin (http/same_origin.hpp): RFC 6454 origins and Fetch Metadata.
#include "http/same_origin.hpp"

#include <gtest/gtest.h>

namespace authly::http {
namespace {

Request with(std::initializer_list<std::pair<std::string, std::string>> headers) {
  Request r;
  r.method = Method::post;
  for (const auto& [k, v] : headers) r.headers.add(k, v);
  return r;
}

constexpr std::string_view kOrigin = "https://id.example.com";

TEST(SameOrigin, OriginOfDropsPathQueryAndDefaultPort) {
  EXPECT_EQ(origin_of("https://id.example.com/tenant-a"), "https://id.example.com");
  EXPECT_EQ(origin_of("https://ID.Example.COM:443/x?y#z"), "https://id.example.com");
  EXPECT_EQ(origin_of("HTTP://127.0.0.1:80"), "http://127.0.0.1");
  EXPECT_EQ(origin_of("http://127.0.0.1:8000"), "http://127.0.0.1:8000");
  EXPECT_EQ(origin_of("https://id.example.com:8443/"), "https://id.example.com:8443");
  EXPECT_EQ(origin_of("http://[::1]:8000"), "http://[::1]:8000");
  EXPECT_EQ(origin_of("not a url"), "");
  EXPECT_EQ(origin_of("mailto:a@b.c"), "");
}

TEST(SameOrigin, FetchMetadataSameOriginOrUserInitiatedIsAccepted) {
  EXPECT_TRUE(is_same_origin_request(with({{"Sec-Fetch-Site", "same-origin"}}), kOrigin));
  EXPECT_TRUE(is_same_origin_request(with({{"Sec-Fetch-Site", "none"}}), kOrigin));
}

TEST(SameOrigin, FetchMetadataFromElsewhereIsRefusedWhateverTheOrigin) {
  EXPECT_FALSE(is_same_origin_request(with({{"Sec-Fetch-Site", "cross-site"}}), kOrigin));
  EXPECT_FALSE(is_same_origin_request(with({{"Sec-Fetch-Site", "same-site"}}), kOrigin));
  EXPECT_FALSE(
      is_same_origin_request(with({{"Sec-Fetch-Site", "cross-site"}, {"Origin", std::string(kOrigin)}}), kOrigin));
  EXPECT_FALSE(is_same_origin_request(with({{"Sec-Fetch-Site", "Same-Origin-ish"}}), kOrigin));
}

TEST(SameOrigin, OriginMustEqualTheIssuerOrigin) {
  EXPECT_TRUE(is_same_origin_request(with({{"Origin", "https://id.example.com"}}), kOrigin));
  EXPECT_TRUE(is_same_origin_request(with({{"Origin", "https://ID.example.com"}}), kOrigin));
  EXPECT_FALSE(is_same_origin_request(with({{"Origin", "null"}}), kOrigin));
  EXPECT_FALSE(is_same_origin_request(with({{"Origin", "http://id.example.com"}}), kOrigin));
  EXPECT_FALSE(is_same_origin_request(with({{"Origin", "https://id.example.com:8443"}}), kOrigin));
  EXPECT_FALSE(is_same_origin_request(with({{"Origin", "https://id.example.com.evil.example"}}), kOrigin));
  EXPECT_FALSE(is_same_origin_request(with({{"Origin", "https://evil.example"}}), kOrigin));
}

TEST(SameOrigin, NoEvidenceOrRepeatedHeadersAreRefused) {
  EXPECT_FALSE(is_same_origin_request(with({}), kOrigin));
  EXPECT_FALSE(is_same_origin_request(with({{"Referer", "https://id.example.com/"}}), kOrigin));
  EXPECT_FALSE(
      is_same_origin_request(with({{"Sec-Fetch-Site", "same-origin"}, {"Sec-Fetch-Site", "cross-site"}}), kOrigin));
  EXPECT_FALSE(
      is_same_origin_request(with({{"Origin", std::string(kOrigin)}, {"Origin", "https://evil.example"}}), kOrigin));
  EXPECT_FALSE(is_same_origin_request(with({{"Origin", ""}}), ""));
}

}  // namespace
}  // namespace authly::http
