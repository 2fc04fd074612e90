// Store contract: users, clients, scopes.
#include <gmock/gmock.h>

#include "store_fixture.hpp"

namespace authly::test {
namespace {

using std::chrono::seconds;
using ::testing::ElementsAre;

TEST_P(StoreContract, UserIsFoundByIdUsernameAndEmailCaseInsensitively) {
  auto user = make_user("u1", "Alice", "Alice@Example.com");
  user.last_login_at = kT0 + seconds(5);
  db().users().create(user);

  auto by_id = db().users().find_by_id("u1");
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->username, "Alice");  // stored as given
  EXPECT_EQ(by_id->email, "Alice@Example.com");
  EXPECT_TRUE(by_id->email_verified);
  EXPECT_EQ(by_id->password_hash, user.password_hash);
  EXPECT_EQ(by_id->given_name, user.given_name);
  EXPECT_EQ(by_id->family_name, user.family_name);
  EXPECT_FALSE(by_id->is_admin);
  EXPECT_TRUE(by_id->is_active);
  EXPECT_EQ(by_id->created_at, user.created_at);
  EXPECT_EQ(by_id->updated_at, user.updated_at);
  EXPECT_EQ(by_id->last_login_at, user.last_login_at);

  ASSERT_TRUE(db().users().find_by_username("aLICE"));
  EXPECT_EQ(db().users().find_by_username("aLICE")->id, "u1");
  ASSERT_TRUE(db().users().find_by_email("alice@EXAMPLE.COM"));
  EXPECT_EQ(db().users().find_by_email("alice@EXAMPLE.COM")->id, "u1");
  EXPECT_FALSE(db().users().find_by_id("U1"));  // ids are exact
  EXPECT_FALSE(db().users().find_by_username("alic"));
  EXPECT_FALSE(db().users().find_by_email(""));
}

TEST_P(StoreContract, DuplicateUsernameEmailOrIdIsConflict) {
  db().users().create(make_user("u1", "alice", "alice@example.com"));
  EXPECT_THROW(db().users().create(make_user("u2", "ALICE", "x@example.com")), store::Conflict);
  EXPECT_THROW(db().users().create(make_user("u3", "carol", "ALICE@example.COM")), store::Conflict);
  EXPECT_THROW(db().users().create(make_user("u1", "dave", "dave@example.com")), store::Conflict);
  EXPECT_EQ(db().users().count(), 1);
}

TEST_P(StoreContract, UsersWithoutEmailDoNotClash) {
  db().users().create(make_user("u1", "alice", ""));
  db().users().create(make_user("u2", "bob", ""));
  EXPECT_EQ(db().users().count(), 2);
}

TEST_P(StoreContract, UserUpdateChangesEveryMutableField) {
  db().users().create(make_user("u1", "alice", "alice@example.com"));
  auto changed = make_user("u1", "alice2", "new@example.com");
  changed.email_verified = false;
  changed.password_hash = "$2b$12$newhash";
  changed.given_name = "Alicia";
  changed.family_name = "Smith";
  changed.is_admin = true;
  changed.is_active = false;
  changed.updated_at = kT0 + seconds(100);
  changed.last_login_at = kT0 + seconds(50);
  EXPECT_TRUE(db().users().update(changed));

  auto got = db().users().find_by_id("u1");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->username, "alice2");
  EXPECT_EQ(got->email, "new@example.com");
  EXPECT_FALSE(got->email_verified);
  EXPECT_EQ(got->password_hash, "$2b$12$newhash");
  EXPECT_EQ(got->given_name, "Alicia");
  EXPECT_EQ(got->family_name, "Smith");
  EXPECT_TRUE(got->is_admin);
  EXPECT_FALSE(got->is_active);
  EXPECT_EQ(got->created_at, kT0);  // not mutable
  EXPECT_EQ(got->updated_at, kT0 + seconds(100));
  EXPECT_EQ(got->last_login_at, kT0 + seconds(50));

  EXPECT_FALSE(db().users().update(make_user("nobody", "x", "")));
}

TEST_P(StoreContract, UpdateToATakenUsernameIsConflict) {
  db().users().create(make_user("u1", "alice", "alice@example.com"));
  db().users().create(make_user("u2", "bob", "bob@example.com"));
  EXPECT_THROW(db().users().update(make_user("u2", "Alice", "bob@example.com")), store::Conflict);
}

TEST_P(StoreContract, SetActiveAndRecordLogin) {
  db().users().create(make_user("u1", "alice", ""));
  EXPECT_TRUE(db().users().set_active("u1", false, kT0 + seconds(10)));
  auto got = db().users().find_by_id("u1");
  EXPECT_FALSE(got->is_active);
  EXPECT_EQ(got->updated_at, kT0 + seconds(10));
  EXPECT_TRUE(db().users().set_active("u1", true, kT0 + seconds(20)));
  EXPECT_TRUE(db().users().find_by_id("u1")->is_active);

  EXPECT_TRUE(db().users().record_login("u1", kT0 + seconds(30)));
  EXPECT_EQ(db().users().find_by_id("u1")->last_login_at, kT0 + seconds(30));
  EXPECT_FALSE(db().users().set_active("nobody", false, kT0));
  EXPECT_FALSE(db().users().record_login("nobody", kT0));
}

TEST_P(StoreContract, UserListPagesInCreationOrderAndCounts) {
  for (int i = 0; i < 5; ++i) {
    auto u = make_user(cat("u", std::to_string(i)), cat("user", std::to_string(i)), "");
    u.created_at = kT0 + seconds(10 - i);  // newest first by id, so order must come from created_at
    db().users().create(u);
  }
  EXPECT_EQ(db().users().count(), 5);
  auto page = db().users().list(2, 1);
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].id, "u3");
  EXPECT_EQ(page[1].id, "u2");
  EXPECT_EQ(db().users().list(10, 0).size(), 5u);
  EXPECT_TRUE(db().users().list(10, 5).empty());
}

TEST_P(StoreContract, UserRemovalCascadesToEverythingOfTheUser) {
  db().users().create(make_user("u1", "alice", ""));
  db().users().create(make_user("u2", "bob", ""));
  db().clients().create(make_client("c1"));
  db().sessions().create(make_session("s1", "u1", kT0 + seconds(3600)));
  db().sessions().create(make_session("s2", "u2", kT0 + seconds(3600)));
  db().consents().upsert({"u1", "c1", "openid", kT0, kT0});
  db().consents().upsert({"u2", "c1", "openid", kT0, kT0});
  db().tokens().create_refresh(make_refresh("r1", "f1", "c1", "u1", "s1"));
  db().tokens().create_refresh(make_refresh("r2", "f2", "c1", "u2", "s2"));
  db().codes().create(make_code("k1", "c1", "u1", kT0 + seconds(60)));

  EXPECT_TRUE(db().users().remove("u1"));
  EXPECT_FALSE(db().users().find_by_id("u1"));
  EXPECT_FALSE(db().sessions().find_by_sid("sid-s1"));
  EXPECT_FALSE(db().consents().find("u1", "c1"));
  EXPECT_FALSE(db().tokens().find_refresh("r1"));
  EXPECT_FALSE(db().codes().find("k1"));
  // The other user's rows stay.
  EXPECT_TRUE(db().sessions().find_by_sid("sid-s2"));
  EXPECT_TRUE(db().consents().find("u2", "c1"));
  EXPECT_TRUE(db().tokens().find_refresh("r2"));
  EXPECT_FALSE(db().users().remove("u1"));
}

TEST_P(StoreContract, ClientRoundTripsEveryFieldIncludingAwkwardUris) {
  auto c = make_client("c1");
  c.type = store::ClientType::public_;
  c.secret_hash = "";
  c.redirect_uris = {R"(https://app.example/cb?q="quoted"&x=1)",
                     R"(https://app.example/back\slash\\double)",
                     "https://bücher.example/ünïcødé/😀",
                     "com.example.app:/oauth2redirect",
                     "http://127.0.0.1:8080/cb\ttab\nnewline",
                     "",
                     "[\"not\",\"a list\"]"};
  c.post_logout_redirect_uris = {};
  c.grant_types = {"authorization_code"};
  c.token_endpoint_auth_method = "none";
  c.jwks_uri = "https://app.example/jwks.json";
  c.jwks = R"({"keys":[{"kty":"EC","crv":"P-256","x":"x","y":"y"}]})";
  c.backchannel_logout_uri = "https://app.example/bcl";
  c.id_token_signed_response_alg = "ES256";
  c.userinfo_signed_response_alg = "PS256";
  c.subject_type = "pairwise";
  c.sector_identifier_uri = "https://app.example/sector.json";
  c.require_consent = false;
  c.is_active = false;
  c.secret_rotated_at = kT0 + seconds(7);
  db().clients().create(c);

  auto got = db().clients().find("c1");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->name, c.name);
  EXPECT_EQ(got->type, store::ClientType::public_);
  EXPECT_EQ(got->secret_hash, "");
  EXPECT_EQ(got->redirect_uris, c.redirect_uris);
  EXPECT_TRUE(got->post_logout_redirect_uris.empty());
  EXPECT_EQ(got->grant_types, c.grant_types);
  EXPECT_EQ(got->scope, c.scope);
  EXPECT_EQ(got->token_endpoint_auth_method, "none");
  EXPECT_EQ(got->jwks_uri, c.jwks_uri);
  EXPECT_EQ(got->jwks, c.jwks);
  EXPECT_EQ(got->backchannel_logout_uri, c.backchannel_logout_uri);
  EXPECT_EQ(got->id_token_signed_response_alg, "ES256");
  EXPECT_EQ(got->userinfo_signed_response_alg, "PS256");
  EXPECT_EQ(got->subject_type, "pairwise");
  EXPECT_EQ(got->sector_identifier_uri, c.sector_identifier_uri);
  EXPECT_FALSE(got->require_consent);
  EXPECT_FALSE(got->is_active);
  EXPECT_EQ(got->created_at, c.created_at);
  EXPECT_EQ(got->updated_at, c.updated_at);
  EXPECT_EQ(got->secret_rotated_at, c.secret_rotated_at);
  EXPECT_FALSE(db().clients().find("C1"));
}

TEST_P(StoreContract, ClientRowWithoutUserinfoAlgReadsAsPlainJson) {
  // A row written without the column (as every client registered before migration 006) gets its
  // default: '' (UserInfo answers plain JSON).
  raw_exec(
      "INSERT INTO clients (id, type, token_endpoint_auth_method, id_token_signed_response_alg, subject_type, "
      "created_at, updated_at) VALUES ('old', 'public', 'none', 'RS256', 'public', 0, 0)");
  auto got = db().clients().find("old");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->userinfo_signed_response_alg, "");
  EXPECT_EQ(got->id_token_signed_response_alg, "RS256");
}

TEST_P(StoreContract, DuplicateClientIdIsConflict) {
  db().clients().create(make_client("c1"));
  EXPECT_THROW(db().clients().create(make_client("c1")), store::Conflict);
}

TEST_P(StoreContract, ClientListUpdateSecretAndRemove) {
  auto a = make_client("a");
  auto b = make_client("b");
  b.created_at = kT0 - seconds(1);
  db().clients().create(a);
  db().clients().create(b);
  auto all = db().clients().list(10, 0);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, "b");
  EXPECT_EQ(db().clients().list(1, 1).at(0).id, "a");

  a.name = "Renamed";
  a.redirect_uris = {"https://new.example/cb"};
  a.grant_types = {"client_credentials"};
  a.userinfo_signed_response_alg = "EdDSA";
  a.updated_at = kT0 + seconds(9);
  EXPECT_EQ(db().clients().find("a")->userinfo_signed_response_alg, "");
  EXPECT_TRUE(db().clients().update(a));
  auto got = db().clients().find("a");
  EXPECT_EQ(got->name, "Renamed");
  EXPECT_EQ(got->userinfo_signed_response_alg, "EdDSA");
  EXPECT_THAT(got->redirect_uris, ElementsAre("https://new.example/cb"));
  EXPECT_THAT(got->grant_types, ElementsAre("client_credentials"));
  EXPECT_EQ(got->created_at, kT0);
  EXPECT_FALSE(db().clients().update(make_client("missing")));

  EXPECT_TRUE(db().clients().set_secret_hash("a", "newhash", kT0 + seconds(20)));
  got = db().clients().find("a");
  EXPECT_EQ(got->secret_hash, "newhash");
  EXPECT_EQ(got->secret_rotated_at, kT0 + seconds(20));
  EXPECT_EQ(got->updated_at, kT0 + seconds(20));
  EXPECT_FALSE(db().clients().set_secret_hash("missing", "h", kT0));

  EXPECT_TRUE(db().clients().remove("a"));
  EXPECT_FALSE(db().clients().find("a"));
  EXPECT_FALSE(db().clients().remove("a"));
}

TEST_P(StoreContract, ClientRemovalCascadesToItsGrants) {
  db().users().create(make_user("u1", "alice", ""));
  db().clients().create(make_client("c1"));
  db().clients().create(make_client("c2"));
  db().consents().upsert({"u1", "c1", "openid", kT0, kT0});
  db().consents().upsert({"u1", "c2", "openid", kT0, kT0});
  db().tokens().create_refresh(make_refresh("r1", "f1", "c1", "u1", ""));
  db().codes().create(make_code("k1", "c1", "u1", kT0 + seconds(60)));

  EXPECT_TRUE(db().clients().remove("c1"));
  EXPECT_FALSE(db().consents().find("u1", "c1"));
  EXPECT_FALSE(db().tokens().find_refresh("r1"));
  EXPECT_FALSE(db().codes().find("k1"));
  EXPECT_TRUE(db().consents().find("u1", "c2"));
  EXPECT_TRUE(db().users().find_by_id("u1"));
}

TEST_P(StoreContract, ScopesCreateFindListRemove) {
  db().scopes().create({"read:things", "Read your things", true, kT0});
  db().scopes().create({"write:things", "Change your things", false, kT0 + seconds(1)});
  EXPECT_THROW(db().scopes().create({"read:things", "again", false, kT0}), store::Conflict);

  auto got = db().scopes().find("read:things");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->description, "Read your things");
  EXPECT_TRUE(got->is_default);
  EXPECT_EQ(got->created_at, kT0);
  EXPECT_FALSE(db().scopes().find("READ:things"));

  // Migrations may seed standard scopes; ours are there once each.
  auto all = db().scopes().list();
  std::vector<std::string> names;
  for (const auto& s : all) names.push_back(s.name);
  EXPECT_EQ(std::count(names.begin(), names.end(), "read:things"), 1);
  EXPECT_EQ(std::count(names.begin(), names.end(), "write:things"), 1);

  EXPECT_TRUE(db().scopes().remove("read:things"));
  EXPECT_FALSE(db().scopes().find("read:things"));
  EXPECT_FALSE(db().scopes().remove("read:things"));
  EXPECT_EQ(db().scopes().list().size(), all.size() - 1);
}

}  // namespace
}  // namespace authly::test
