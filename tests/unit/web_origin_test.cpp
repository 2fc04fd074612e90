// core::web_origin: a URL's origin as a browser serializes it in the Origin header (RFC 6454 §6.2,
// Fetch "byte-serializing a request origin"), which CORS and the same-origin check compare with.
#include "core/web_origin.hpp"

#include <gtest/gtest.h>

namespace authly::core {
namespace {

TEST(WebOrigin, IsSchemeHostAndPortWithoutPathOrQuery) {
  EXPECT_EQ(web_origin("https://app.example.com/cb?x=1#f"), "https://app.example.com");
  EXPECT_EQ(web_origin("http://127.0.0.1:5173/callback"), "http://127.0.0.1:5173");
  EXPECT_EQ(web_origin("http://[::1]:8080/cb"), "http://[::1]:8080");
  EXPECT_EQ(web_origin("https://user@app.example.com/"), "https://app.example.com");  // no userinfo
  // An issuer with a path (a tenant) has its host's origin.
  EXPECT_EQ(web_origin("https://id.example.com/tenant-a"), "https://id.example.com");
}

TEST(WebOrigin, DropsTheSchemesDefaultPortAsBrowsersDo) {
  EXPECT_EQ(web_origin("https://app.example.com:443/cb"), "https://app.example.com");
  EXPECT_EQ(web_origin("http://app.example.com:80/cb"), "http://app.example.com");
  EXPECT_EQ(web_origin("http://app.example.com:443/cb"), "http://app.example.com:443");
  EXPECT_EQ(web_origin("https://app.example.com:/cb"), "https://app.example.com");  // empty port
}

TEST(WebOrigin, WritesThePortAsANumber) {
  EXPECT_EQ(web_origin("https://app.example.com:08443/"), "https://app.example.com:8443");
  EXPECT_EQ(web_origin("https://app.example.com:0443/"), "https://app.example.com");
}

TEST(WebOrigin, LowerCasesSchemeAndHost) {
  EXPECT_EQ(web_origin("HTTPS://App.Example.COM/Cb"), "https://app.example.com");
}

TEST(WebOrigin, OnlyHttpAndHttpsUrlsWithAHostHaveOne) {
  EXPECT_FALSE(web_origin("com.example.app:/oauth2redirect"));
  EXPECT_FALSE(web_origin("com.example.app://callback"));
  EXPECT_FALSE(web_origin("urn:ietf:wg:oauth:2.0:oob"));
  EXPECT_FALSE(web_origin("/relative/cb"));
  EXPECT_FALSE(web_origin("ftp://files.example.com/"));
  EXPECT_FALSE(web_origin("https:///no-host"));
  EXPECT_FALSE(web_origin("mailto:a@b.c"));
  EXPECT_FALSE(web_origin("not a url"));
  EXPECT_FALSE(web_origin(""));
}

}  // namespace
}  // namespace authly::core
