// RFC 7009 §2.1: the server may ignore token_type_hint when it can tell the token type itself.
// Authly's access tokens are JWS compact serializations and its refresh tokens never contain a
// '.', so revoking a JWT costs no refresh-token lookup whatever the hint says, and revoking an
// opaque refresh token costs no signature check. Both are still found under a misleading hint.
#include "oauth/token_revocation.hpp"
#include "token_fixture.hpp"

namespace authly::test {
namespace {

// Forwards to the real repository and counts the refresh-token lookups and deny-list writes.
class CountingTokens final : public store::TokenRepository {
 public:
  explicit CountingTokens(store::TokenRepository& inner) : inner_(inner) {}
  int refresh_lookups = 0;
  int denials = 0;

  void create_refresh(const store::RefreshToken& t) override { inner_.create_refresh(t); }
  std::optional<store::RefreshToken> find_refresh(const std::string& h) override {
    ++refresh_lookups;
    return inner_.find_refresh(h);
  }
  std::optional<store::RefreshToken> rotate_refresh(const std::string& h, store::TimePoint now) override {
    return inner_.rotate_refresh(h, now);
  }
  std::int64_t revoke_family(const std::string& f, store::TimePoint now) override {
    return inner_.revoke_family(f, now);
  }
  std::int64_t revoke_for_session(const std::string& s, store::TimePoint now) override {
    return inner_.revoke_for_session(s, now);
  }
  std::int64_t revoke_for_user(const std::string& u, store::TimePoint now) override {
    return inner_.revoke_for_user(u, now);
  }
  std::int64_t revoke_for_client(const std::string& c, store::TimePoint now) override {
    return inner_.revoke_for_client(c, now);
  }
  std::int64_t delete_expired_refresh(store::TimePoint before, std::int64_t limit) override {
    return inner_.delete_expired_refresh(before, limit);
  }
  void deny_access_token(const std::string& jti, store::TimePoint exp) override {
    ++denials;
    inner_.deny_access_token(jti, exp);
  }
  bool is_access_token_denied(const std::string& jti) override { return inner_.is_access_token_denied(jti); }
  std::vector<store::DeniedAccessToken> denied_since(std::int64_t after, store::TimePoint now,
                                                     std::int64_t limit) override {
    return inner_.denied_since(after, now, limit);
  }
  std::int64_t purge_denied(store::TimePoint before, std::int64_t limit) override {
    return inner_.purge_denied(before, limit);
  }
  void record_family_access_token(const std::string& f, const std::string& jti, store::TimePoint exp) override {
    inner_.record_family_access_token(f, jti, exp);
  }
  std::int64_t deny_family_access_tokens(const std::string& f) override { return inner_.deny_family_access_tokens(f); }
  std::int64_t deny_session_access_tokens(const std::string& s) override {
    return inner_.deny_session_access_tokens(s);
  }
  bool record_assertion_jti(const std::string& c, const std::string& jti, store::TimePoint exp) override {
    return inner_.record_assertion_jti(c, jti, exp);
  }

 private:
  store::TokenRepository& inner_;
};

class CountingStore final : public store::Store {
 public:
  explicit CountingStore(store::Store& inner) : inner_(inner), tokens_(inner.tokens()) {}
  CountingTokens& counted() { return tokens_; }

  store::UserRepository& users() override { return inner_.users(); }
  store::ClientRepository& clients() override { return inner_.clients(); }
  store::ScopeRepository& scopes() override { return inner_.scopes(); }
  store::AuthorizationCodeRepository& codes() override { return inner_.codes(); }
  store::TokenRepository& tokens() override { return tokens_; }
  store::SigningKeyRepository& keys() override { return inner_.keys(); }
  store::SessionRepository& sessions() override { return inner_.sessions(); }
  store::ConsentRepository& consents() override { return inner_.consents(); }
  store::InteractionRepository& interactions() override { return inner_.interactions(); }
  store::AuditRepository& audit() override { return inner_.audit(); }
  void transaction(const std::function<void(store::Store&)>& fn) override { inner_.transaction(fn); }
  std::vector<store::MigrationInfo> migration_status() override { return inner_.migration_status(); }
  std::vector<store::MigrationInfo> migrate() override { return inner_.migrate(); }
  std::vector<store::CacheVersion> cache_versions() override { return inner_.cache_versions(); }
  bool ping() noexcept override { return inner_.ping(); }
  store::PoolStats pool_stats() const noexcept override { return inner_.pool_stats(); }
  std::string backend() const override { return inner_.backend(); }

 private:
  store::Store& inner_;
  CountingTokens tokens_;
};

class RevocationLookupOrder : public TokenServer {
 protected:
  void revoke(CountingStore& counting, const std::string& token, const std::string& hint) {
    oauth::revoke_token(counting, *keys_->published(), kIssuer, *store_->clients().find("web"),
                        oauth::RevocationRequest{token, hint, "192.0.2.1"}, clock_.now());
  }
};

TEST_F(RevocationLookupOrder, AccessTokenIsDeniedWithoutARefreshLookupWhateverTheHint) {
  for (const std::string hint : {"", "refresh_token", "access_token"}) {
    const auto at = str(json_of(exchange(add_code("web"))), "access_token");
    ASSERT_TRUE(active(at));
    CountingStore counting(*store_);
    revoke(counting, at, hint);
    EXPECT_EQ(counting.counted().refresh_lookups, 0) << "hint '" << hint << "'";
    EXPECT_EQ(counting.counted().denials, 1) << "hint '" << hint << "'";
    EXPECT_FALSE(active(at)) << "hint '" << hint << "'";
  }
}

TEST_F(RevocationLookupOrder, RefreshTokenIsRevokedUnderAMisleadingHint) {
  const auto o = json_of(exchange(add_code("web")));
  const auto rt = str(o, "refresh_token");
  ASSERT_FALSE(rt.empty());
  ASSERT_EQ(rt.find('.'), std::string::npos);
  CountingStore counting(*store_);
  revoke(counting, rt, "access_token");
  EXPECT_EQ(counting.counted().refresh_lookups, 1);
  EXPECT_FALSE(active(rt));
  EXPECT_FALSE(active(str(o, "access_token")));  // the family's access tokens go with it (§2.1)
}

TEST_F(RevocationLookupOrder, RevokingAnAlreadyRevokedAccessTokenWritesNothing) {
  const auto at = str(json_of(exchange(add_code("web"))), "access_token");
  CountingStore first(*store_);
  revoke(first, at, "");
  ASSERT_EQ(first.counted().denials, 1);
  CountingStore again(*store_);
  revoke(again, at, "");
  EXPECT_EQ(again.counted().denials, 0);
}

TEST(RevocationTokenShape, JwsCompactFormIsRecognisedByItsDots) {
  EXPECT_TRUE(oauth::looks_like_jwt("eyJhbGciOiJFUzI1NiJ9.e30.c2ln"));
  EXPECT_FALSE(oauth::looks_like_jwt("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
  EXPECT_FALSE(oauth::looks_like_jwt(""));
}

}  // namespace
}  // namespace authly::test
