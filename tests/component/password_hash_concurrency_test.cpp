// password.max_concurrent_hashes (DESIGN.md §5): argon2id runs behind a semaphore, and a login that
// finds every slot taken is shed with 503 and Retry-After instead of queueing without bound: an
// HTML page at /auth/login, an RFC 6749 JSON error at the token endpoint.
#include <thread>

#include "browser_harness.hpp"
#include "holding_hasher.hpp"
#include "token_fixture.hpp"

namespace authly::test {
namespace {

using ::testing::HasSubstr;

class LoginHashConcurrency : public browser::BrowserFlow {
 protected:
  void configure(config::Config& c) override { c.password.max_concurrent_hashes = 1; }
  std::unique_ptr<crypto::PasswordHasher> make_hasher(const crypto::PasswordPolicy& policy) override {
    auto h = std::make_unique<HoldingHasher>(policy);
    holder_ = h.get();
    return h;
  }
  HoldingHasher* holder_ = nullptr;
};

TEST_F(LoginHashConcurrency, SaturatedHashingIsShedWithA503Page) {
  browser::Browser first(port());
  browser::Browser second(port());
  auto first_page = first.get(authorize_target());
  auto second_page = second.get(authorize_target());
  HttpResponse first_result;
  std::thread held([&] { first_result = login(first, first_page); });
  const bool holding = holder_->wait_until_holding(std::chrono::seconds(10));
  auto shed = holding ? login(second, second_page) : HttpResponse{};
  holder_->release();
  held.join();
  ASSERT_TRUE(holding) << "the first login never reached the password check";

  EXPECT_EQ(shed.status, 503) << shed.body;
  EXPECT_EQ(shed.header("Retry-After").value_or(""), "1");
  EXPECT_THAT(shed.header("Content-Type").value_or(""), HasSubstr("text/html"));
  EXPECT_THAT(shed.body, HasSubstr("busy"));
  EXPECT_FALSE(second.cookies.count("authly_session"));
  EXPECT_EQ(holder_->max_running(), 1);
  EXPECT_EQ(first_result.status, 200) << first_result.body;  // the held login completes normally
  // Nothing was counted against the account or spent: the same form works once capacity is free.
  EXPECT_EQ(login(second, second_page).status, 200);
}

class PasswordGrantHashConcurrency : public TokenServer {
 protected:
  void configure(config::Config& c) override {
    c.oauth.password_grant = true;
    c.password.max_concurrent_hashes = 1;
  }
  std::unique_ptr<crypto::PasswordHasher> make_hasher(const crypto::PasswordPolicy& policy) override {
    auto h = std::make_unique<HoldingHasher>(policy);
    holder_ = h.get();
    return h;
  }
  HoldingHasher* holder_ = nullptr;
};

TEST_F(PasswordGrantHashConcurrency, SaturatedHashingIsShedWithA503JsonError) {
  add_client("legacy", "public", {"password"}, "none");
  const Fields grant{
      {"grant_type", "password"}, {"client_id", "legacy"}, {"username", "alice"}, {"password", kUserPassword}};
  HttpResponse first_result;
  std::thread held([&] { first_result = token(grant); });
  const bool holding = holder_->wait_until_holding(std::chrono::seconds(10));
  auto shed = holding ? token(grant) : HttpResponse{};
  holder_->release();
  held.join();
  ASSERT_TRUE(holding) << "the first request never reached the password check";

  EXPECT_EQ(shed.status, 503) << shed.body;
  EXPECT_EQ(shed.header("Retry-After").value_or(""), "1");
  EXPECT_EQ(str(json_of(shed), "error"), "temporarily_unavailable");
  EXPECT_EQ(shed.header("Cache-Control").value_or(""), "no-store");
  EXPECT_EQ(holder_->max_running(), 1);
  EXPECT_EQ(first_result.status, 200) << first_result.body;
  EXPECT_EQ(token(grant).status, 200);
}

}  // namespace
}  // namespace authly::test
