// OIDC Core §8 subject identifiers (oidc/subject.hpp): public subjects are the user id; pairwise
// subjects are stable per (sector, user), different across sectors and users, and not the user id.
#include <gtest/gtest.h>

#include "core/base64url.hpp"
#include "crypto/hash.hpp"
#include "oidc/subject.hpp"

namespace authly::oidc {
namespace {

const std::string kKey(32, 'k');

store::Client client(std::string id, std::vector<std::string> redirects, std::string subject_type = "pairwise",
                     std::string sector_uri = {}) {
  store::Client c;
  c.id = std::move(id);
  c.redirect_uris = std::move(redirects);
  c.subject_type = std::move(subject_type);
  c.sector_identifier_uri = std::move(sector_uri);
  return c;
}

TEST(OidcSubject, PublicSubjectIsTheUserIdForEveryClient) {
  EXPECT_EQ(subject_for(client("a", {"https://a.example/cb"}, "public"), "user-1", kKey), "user-1");
  EXPECT_EQ(subject_for(client("b", {"https://b.example/cb"}, "public"), "user-1", kKey), "user-1");
}

TEST(OidcSubject, PairwiseSubjectIsStableForTheSameSector) {
  // Two clients of one sector (same redirect host) see the same subject; so does one client twice.
  const auto a = client("a", {"https://app.example/cb"});
  const auto b = client("b", {"https://app.example/other"});
  EXPECT_EQ(subject_for(a, "user-1", kKey), subject_for(a, "user-1", kKey));
  EXPECT_EQ(subject_for(a, "user-1", kKey), subject_for(b, "user-1", kKey));
}

TEST(OidcSubject, PairwiseSubjectDiffersAcrossSectors) {
  EXPECT_NE(subject_for(client("a", {"https://one.example/cb"}), "user-1", kKey),
            subject_for(client("b", {"https://two.example/cb"}), "user-1", kKey));
}

TEST(OidcSubject, PairwiseSubjectDiffersAcrossUsersAndHidesTheUserId) {
  const auto a = client("a", {"https://app.example/cb"});
  const auto s1 = subject_for(a, "user-1", kKey);
  EXPECT_NE(s1, subject_for(a, "user-2", kKey));
  EXPECT_NE(s1, "user-1");
  EXPECT_EQ(s1.find("user-1"), std::string::npos);
}

TEST(OidcSubject, PairwiseSubjectDependsOnTheKey) {
  const auto a = client("a", {"https://app.example/cb"});
  EXPECT_NE(subject_for(a, "user-1", kKey), subject_for(a, "user-1", std::string(32, 'x')));
}

TEST(OidcSubject, PairwiseSubjectIsTheDocumentedHmac) {
  const auto a = client("a", {"https://app.example/cb"});
  EXPECT_EQ(subject_for(a, "user-1", kKey),
            core::base64url_encode(crypto::hmac_sha256(kKey, std::string("app.example") + '\0' + "user-1")));
}

// The NUL separator: ("a", "bc") and ("ab", "c") must not collide.
TEST(OidcSubject, SectorAndUserAreSeparated) {
  EXPECT_NE(subject_for(client("x", {"https://ab/cb"}), "c", kKey),
            subject_for(client("y", {"https://a/cb"}), "bc", kKey));
}

TEST(OidcSubject, SectorIsTheSectorIdentifierUriHostWhenRegistered) {
  const auto c = client("a", {"https://app.example/cb"}, "pairwise", "https://sector.example/ids.json");
  EXPECT_EQ(sector_identifier(c), "sector.example");
  // Clients on different redirect hosts sharing a sector_identifier_uri share subjects (§8.1).
  const auto d = client("b", {"https://other.example/cb"}, "pairwise", "https://sector.example/ids.json");
  EXPECT_EQ(subject_for(c, "user-1", kKey), subject_for(d, "user-1", kKey));
}

TEST(OidcSubject, SectorIsTheFirstRedirectHostOtherwise) {
  EXPECT_EQ(sector_identifier(client("a", {"https://app.example:8443/cb", "https://app.example/x"})), "app.example");
  EXPECT_EQ(sector_identifier(client("a", {})), "");
}

TEST(OidcSubject, PairwiseKeyIsDerivedDeterministicallyFromTheMasterKey) {
  const auto k1 = derive_pairwise_key(std::string(32, 'm'));
  EXPECT_EQ(k1.size(), 32u);
  EXPECT_EQ(k1, derive_pairwise_key(std::string(32, 'm')));
  EXPECT_NE(k1, derive_pairwise_key(std::string(32, 'n')));
  EXPECT_NE(k1, std::string(32, 'm'));
}

}  // namespace
}  // namespace authly::oidc
