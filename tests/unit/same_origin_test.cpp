// CSRF defence by origin (http/same_origin.hpp): the Origin header and Fetch Metadata. The origin
// compared with is core::web_origin of the issuer (tests/unit/web_origin_test.cpp).
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
