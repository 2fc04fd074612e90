// The OIDC Core §5.5 `claims` request parameter: what parses, and every malformed shape that the
// authorization endpoint must refuse with invalid_request.
#include <gtest/gtest.h>

#include <string>

#include "oauth/claims_request.hpp"

namespace authly::oauth {
namespace {

const RequestedClaim* find(const std::vector<RequestedClaim>& claims, std::string_view name) {
  for (const auto& c : claims)
    if (c.name == name) return &c;
  return nullptr;
}

TEST(ClaimsRequest, EmptyInputIsAnEmptyRequest) {
  auto r = parse_claims_request("");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->userinfo.empty());
  EXPECT_TRUE(r->id_token.empty());
}

TEST(ClaimsRequest, ParsesBothMembersWithNullAndObjectRequests) {
  auto r = parse_claims_request(
      R"({"userinfo":{"given_name":{"essential":true},"nickname":null,"email":{"essential":false}},)"
      R"("id_token":{"auth_time":{"essential":true},"acr":{"values":["urn:mace:incommon:iap:silver","2"]},)"
      R"("sub":{"value":"248289761001"}}})");
  ASSERT_TRUE(r.ok()) << r.error().description;
  ASSERT_EQ(r->userinfo.size(), 3u);
  ASSERT_EQ(r->id_token.size(), 3u);
  ASSERT_NE(find(r->userinfo, "given_name"), nullptr);
  EXPECT_TRUE(find(r->userinfo, "given_name")->essential);
  ASSERT_NE(find(r->userinfo, "nickname"), nullptr);
  EXPECT_FALSE(find(r->userinfo, "nickname")->essential);
  EXPECT_TRUE(find(r->userinfo, "nickname")->values.empty());
  EXPECT_FALSE(find(r->userinfo, "email")->essential);
  const auto* acr = find(r->id_token, "acr");
  ASSERT_NE(acr, nullptr);
  EXPECT_EQ(acr->values, (std::vector<std::string>{"urn:mace:incommon:iap:silver", "2"}));
  const auto* sub = find(r->id_token, "sub");
  ASSERT_NE(sub, nullptr);
  EXPECT_EQ(sub->values, std::vector<std::string>{"248289761001"});
}

TEST(ClaimsRequest, EitherMemberMayBeAbsent) {
  auto r = parse_claims_request(R"({"id_token":{"email":null}})");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->userinfo.empty());
  ASSERT_EQ(r->id_token.size(), 1u);
  EXPECT_EQ(r->id_token[0].name, "email");
}

TEST(ClaimsRequest, ScalarValuesAreKeptAsText) {
  auto r = parse_claims_request(R"({"id_token":{"email_verified":{"value":true},"level":{"values":[2,"x"]}}})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(find(r->id_token, "email_verified")->values, std::vector<std::string>{"true"});
  EXPECT_EQ(find(r->id_token, "level")->values, (std::vector<std::string>{"2", "x"}));
}

// §5.5: unknown top-level members, and unknown members of a claim's request (§5.5.1), are ignored.
TEST(ClaimsRequest, UnknownMembersAreIgnored) {
  auto r = parse_claims_request(R"({"future":{"x":1},"userinfo":{"email":{"purpose":"login","essential":true}}})");
  ASSERT_TRUE(r.ok()) << r.error().description;
  ASSERT_EQ(r->userinfo.size(), 1u);
  EXPECT_TRUE(r->userinfo[0].essential);
}

class MalformedClaimsRequest : public ::testing::TestWithParam<const char*> {};

TEST_P(MalformedClaimsRequest, IsInvalidRequest) {
  auto r = parse_claims_request(GetParam());
  ASSERT_FALSE(r.ok()) << GetParam();
  EXPECT_EQ(r.error().code, ErrorCode::invalid_request);
  // RFC 6749 §5.2 charset for error_description: no '"' or '\'.
  EXPECT_EQ(r.error().description.find_first_of("\"\\"), std::string::npos) << r.error().description;
}

INSTANTIATE_TEST_SUITE_P(ClaimsRequest, MalformedClaimsRequest,
                         ::testing::Values(
                             // not JSON, or not an object
                             "{", "not json", R"(["userinfo"])", R"("userinfo")", "42", "null",
                             // a destination member that is not an object
                             R"({"userinfo":["email"]})", R"({"id_token":"email"})", R"({"id_token":null})",
                             R"({"userinfo":true})",
                             // an individual claim request neither null nor an object
                             R"({"userinfo":{"email":true}})", R"({"userinfo":{"email":"yes"}})",
                             R"({"id_token":{"email":1}})", R"({"id_token":{"email":[]}})",
                             // badly typed essential / value / values
                             R"({"userinfo":{"email":{"essential":"true"}}})",
                             R"({"userinfo":{"email":{"essential":1}}})", R"({"id_token":{"acr":{"value":{"a":1}}}})",
                             R"({"id_token":{"acr":{"value":null}}})", R"({"id_token":{"acr":{"value":["a"]}}})",
                             R"({"id_token":{"acr":{"values":"a"}}})", R"({"id_token":{"acr":{"values":[{"a":1}]}}})",
                             R"({"id_token":{"acr":{"values":[null]}}})",
                             // an empty claim name; a claim name with characters error_description may not carry
                             R"({"userinfo":{"":null}})", R"({"userinfo":{"a\"b":{"essential":"x"}}})"));

}  // namespace
}  // namespace authly::oauth
