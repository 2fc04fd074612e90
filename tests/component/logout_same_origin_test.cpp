// POST /auth/logout is a state-changing request with ambient credentials (the session cookie), so
// it needs proof that it comes from Authly's own pages (Fetch Metadata Sec-Fetch-Site, or an Origin
// equal to the issuer's): a cross-site or unattributed POST answers 403 and changes nothing.
#include "browser_harness.hpp"

namespace authly::test::browser {
namespace {

class LogoutSameOrigin : public BrowserFlow {
 protected:
  void sign_in(Browser& b) {
    ASSERT_EQ(full_flow(b).status, 303);
    session_hash_ = crypto::sha256_hex(b.cookies["authly_session"]);
    ASSERT_TRUE(alive());
  }
  bool alive() { return store_->sessions().find_active(session_hash_, clock_.now()).has_value(); }
  std::string session_hash_;
};

TEST_F(LogoutSameOrigin, CrossSitePostIsRefusedAndChangesNothing) {
  Browser b(port());
  sign_in(b);
  const std::vector<HeaderList> forged{
      {{"Origin", "https://attacker.example"}},
      {{"Origin", "null"}},
      {{"Origin", "https://id.example.test.attacker.example"}},
      {{"Origin", "http://id.example.test"}},  // another scheme is another origin
      {{"Sec-Fetch-Site", "cross-site"}, {"Origin", "https://attacker.example"}},
      {{"Sec-Fetch-Site", "same-site"}},
      {{"Sec-Fetch-Site", "cross-site"}, {"Origin", "https://id.example.test"}},
      {},  // neither header: nothing shows where the request came from
  };
  for (const auto& headers : forged) {
    const auto cookie = b.cookies["authly_session"];
    auto r = b.post("/auth/logout", {}, headers);
    EXPECT_EQ(r.status, 403) << (headers.empty() ? "no headers" : headers.front().second);
    EXPECT_TRUE(alive()) << (headers.empty() ? "no headers" : headers.front().second);
    EXPECT_EQ(b.cookies["authly_session"], cookie) << "the cookie is not cleared";
  }
  // Still signed in: prompt=none gets a code.
  auto silent = b.get(authorize_target({{"prompt", "none"}}));
  EXPECT_FALSE(query_of(silent.header("Location").value_or(""))["code"].empty());
}

TEST_F(LogoutSameOrigin, SameOriginFormPostEndsTheSession) {
  Browser b(port());
  sign_in(b);
  EXPECT_EQ(b.post("/auth/logout", {}, {{"Sec-Fetch-Site", "same-origin"}}).status, 204);
  EXPECT_FALSE(alive());
}

TEST_F(LogoutSameOrigin, IssuerOriginWithoutFetchMetadataEndsTheSession) {
  Browser b(port());
  sign_in(b);
  EXPECT_EQ(b.post("/auth/logout", {}, {{"Origin", "https://id.example.test"}}).status, 204);
  EXPECT_FALSE(alive());
}

TEST_F(LogoutSameOrigin, UserInitiatedNavigationIsAccepted) {
  Browser b(port());
  sign_in(b);
  auto page = b.post("/auth/logout", {}, {{"Sec-Fetch-Site", "none"}, {"Accept", "text/html"}});
  EXPECT_EQ(page.status, 200);
  EXPECT_FALSE(alive());
}

}  // namespace
}  // namespace authly::test::browser
