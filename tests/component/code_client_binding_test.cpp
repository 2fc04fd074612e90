// RFC 6749 §4.1.3: an authorization code is bound to the client it was issued to. Another client
// presenting it gets invalid_grant and changes nothing: the code stays usable by its client, and
// a code its client already exchanged is not treated as a replay (which would revoke the real
// client's tokens). Only the owning client's second use is a replay.
#include "token_fixture.hpp"

namespace authly::test {
namespace {

class CodeBinding : public TokenServer {
 protected:
  // The code exchange as the confidential client "other" (client_secret_post).
  HttpResponse exchange_as_other(const std::string& code) {
    return token({{"grant_type", "authorization_code"},
                  {"code", code},
                  {"redirect_uri", "https://app.example/cb"},
                  {"code_verifier", kVerifier},
                  {"client_id", "other"},
                  {"client_secret", other_secret_}});
  }
};

TEST_F(CodeBinding, WrongClientLeavesTheCodeUnconsumed) {
  const auto code = add_code("web");
  auto foreign = exchange_as_other(code);
  EXPECT_EQ(foreign.status, 400) << foreign.body;
  EXPECT_EQ(error_of(foreign), "invalid_grant");
  auto row = store_->codes().find(crypto::sha256_hex(code));
  ASSERT_TRUE(row);
  EXPECT_FALSE(row->consumed_at);
  EXPECT_TRUE(row->family_id.empty());
  // The client the code was issued to still exchanges it.
  auto own = exchange(code);
  EXPECT_EQ(own.status, 200) << own.body;
  EXPECT_FALSE(str(json_of(own), "access_token").empty());
}

TEST_F(CodeBinding, WrongClientAfterTheExchangeRevokesNothing) {
  const auto code = add_code("web");
  auto first = json_of(exchange(code));
  const auto access = str(first, "access_token");
  const auto refresh = str(first, "refresh_token");
  ASSERT_TRUE(active(access));
  ASSERT_TRUE(active(refresh));

  auto foreign = exchange_as_other(code);
  EXPECT_EQ(error_of(foreign), "invalid_grant");
  EXPECT_TRUE(active(access));
  EXPECT_TRUE(active(refresh));
  for (const auto& e : store_->audit().list_recent(50)) EXPECT_NE(e.type, "token.revoked") << e.detail;
}

TEST_F(CodeBinding, OwnersSecondUseIsStillAReplay) {
  const auto code = add_code("web");
  auto first = json_of(exchange(code));
  const auto access = str(first, "access_token");
  ASSERT_TRUE(active(access));
  (void)exchange_as_other(code);  // does not count as a use
  EXPECT_EQ(error_of(exchange(code)), "invalid_grant");
  EXPECT_FALSE(active(access));
  EXPECT_FALSE(active(str(first, "refresh_token")));
}

}  // namespace
}  // namespace authly::test
