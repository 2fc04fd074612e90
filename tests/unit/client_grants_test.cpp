// A client may use the grant types it registered (RFC 7591 §2 grant_types), and no other.
#include "oauth/client_grants.hpp"

#include <gtest/gtest.h>

namespace authly::oauth {
namespace {

TEST(ClientGrants, OnlyRegisteredGrantTypesAreAllowed) {
  store::Client c;
  c.grant_types = {"authorization_code", "refresh_token"};
  EXPECT_TRUE(client_allows(c, "authorization_code"));
  EXPECT_TRUE(client_allows(c, "refresh_token"));
  EXPECT_FALSE(client_allows(c, "client_credentials"));
  EXPECT_FALSE(client_allows(c, "refresh"));  // whole names only
  c.grant_types.clear();
  EXPECT_FALSE(client_allows(c, "authorization_code"));
}

}  // namespace
}  // namespace authly::oauth
