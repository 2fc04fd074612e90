// OpenID Connect RP-Initiated Logout 1.0 at /oidc/logout and Back-Channel Logout 1.0 delivery, on
// the real server with SQLite :memory:, real signing keys and a real HTTP receiver for logout tokens.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <deque>
#include <mutex>

#include "browser_harness.hpp"
#include "core/base64url.hpp"
#include "jose/jws.hpp"
#include "oidc/id_token.hpp"
#include "oidc/logout_token.hpp"
#include "oidc/subject.hpp"

namespace authly::test::browser {
namespace {

using namespace std::chrono_literals;

constexpr const char* kBye = "https://app.example/bye";
constexpr const char* kBackchannelEvent = "http://schemas.openid.net/event/backchannel-logout";

// A relying party's back-channel logout endpoint: a real http::Server on port 0 that records every
// POSTed logout_token and answers with the scripted statuses (then 200).
class LogoutReceiver {
 public:
  explicit LogoutReceiver(std::deque<int> statuses = {}) : statuses_(std::move(statuses)) {
    http::Router router;
    router.add(http::Method::post, "/backchannel", [this](http::Request& req) { return receive(req); });
    http::ServerOptions options;
    options.port = 0;
    options.io_threads = 1;
    options.blocking_threads = 1;
    server_ = std::make_unique<http::Server>(options, std::move(router), std::vector<http::Middleware>{});
    server_->start();
    thread_ = std::thread([this] { server_->run_until_stopped(); });
  }
  ~LogoutReceiver() {
    server_->stop();
    thread_.join();
  }
  std::string uri() const { return "http://127.0.0.1:" + std::to_string(server_->port()) + "/backchannel"; }
  std::vector<std::string> tokens() {  // logout_token of every POST, answered or not, in order
    std::lock_guard lock(mutex_);
    return tokens_;
  }
  std::vector<std::string> content_types() {
    std::lock_guard lock(mutex_);
    return content_types_;
  }

 private:
  http::Response receive(http::Request& req) {
    std::lock_guard lock(mutex_);
    auto form = http::FormParams::parse(req.body);
    tokens_.emplace_back(form ? std::string(form->get("logout_token").value_or("")) : "");
    content_types_.emplace_back(req.header("Content-Type").value_or(""));
    http::Response r;
    r.status = 200;
    if (!statuses_.empty()) {
      r.status = statuses_.front();
      statuses_.pop_front();
    }
    r.headers.set("Cache-Control", "no-store");
    return r;
  }

  std::mutex mutex_;
  std::deque<int> statuses_;
  std::vector<std::string> tokens_;
  std::vector<std::string> content_types_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
};

// A port that accepts connections (the kernel completes the handshake) but never answers: a
// relying party that hangs. Closing it resets the pending connections.
class BlackHole {
 public:
  BlackHole() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd_, 8) != 0)
      throw std::runtime_error("black hole listener");
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
  }
  ~BlackHole() { close(); }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  std::string uri() const { return "http://127.0.0.1:" + std::to_string(port_) + "/backchannel"; }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

struct RpOptions {
  std::string backchannel_logout_uri;
  std::string subject_type = "public";
  std::string alg = "RS256";
};

class EndSession : public BrowserFlow {
 protected:
  void configure(config::Config& c) override {
    c.oidc.backchannel_retry_delay_ms = 10;
    c.oidc.backchannel_attempts = 3;
    c.oidc.backchannel_timeout_ms = 30'000;  // a hanging RP holds its delivery, never the user
  }

  // A client like the harness's "app", with post-logout redirect URIs and maybe a back-channel URI.
  void add_rp(const std::string& id, const RpOptions& o = {}) {
    services::ClientService clients(*store_, rng_, clock_);
    services::NewClient c;
    c.client_id = id;
    c.name = "Relying party " + id;
    c.type = "public";
    c.redirect_uris = {"https://app.example/cb"};
    c.post_logout_redirect_uris = {kBye, "https://app.example/bye?from=op", "http://127.0.0.1:8080/bye"};
    c.grant_types = {"authorization_code", "refresh_token"};
    c.scope = "openid profile email";
    c.auth_method = "none";
    c.backchannel_logout_uri = o.backchannel_logout_uri;
    c.subject_type = o.subject_type;
    c.id_token_signed_response_alg = o.alg;
    c.registered_by_admin = true;  // its back-channel receiver is on loopback
    auto created = clients.create(c, "test");
    ASSERT_TRUE(created.ok()) << created.error().message;
  }

  // Signs in through `client_id` (authorize -> login -> consent when needed) and records the client on the
  // session, as the authorization endpoint does when it issues a code.
  void sign_in(Browser& b, const std::string& client_id = "rp") {
    auto page = b.get(authorize_target({}, client_id));
    ASSERT_EQ(page.status, 200);
    auto r = login(b, page);
    if (r.status == 200) r = decide(b, r, "allow");  // no consent page once alice has consented
    ASSERT_EQ(r.status, 303) << r.body;
    ASSERT_TRUE(query_of(r.header("Location").value_or("")).count("code"));
    store_->sessions().add_client(session_hash(b), client_id, clock_.now());
  }
  // The same browser signs in to a second client (single sign-on: no login page).
  void sso(Browser& b, const std::string& client_id) {
    auto page = b.get(authorize_target({}, client_id));
    if (page.status == 200) page = decide(b, page, "allow");  // consent for this client
    ASSERT_TRUE(page.status == 302 || page.status == 303) << page.body;
    ASSERT_FALSE(query_of(page.header("Location").value_or("")).count("error"));
    store_->sessions().add_client(session_hash(b), client_id, clock_.now());
  }

  std::string session_hash(Browser& b) { return crypto::sha256_hex(b.cookies["authly_session"]); }
  store::Session session_of(const std::string& hash) { return store_->sessions().find(hash).value(); }
  bool active(const std::string& hash) { return store_->sessions().find_active(hash, clock_.now()).has_value(); }

  // An ID token for the browser's session as the token endpoint would issue it to `client_id`.
  std::string id_token(const std::string& hash, const std::string& client_id = "rp",
                       std::optional<core::TimePoint> issued = {}, std::string sid = {}) {
    const auto session = session_of(hash);
    const auto client = store_->clients().find(client_id).value();
    oidc::IdTokenClaims c;
    c.issuer = config_.issuer;
    c.subject = oidc::subject_for(client, session.user_id, pairwise_key());
    c.audience = client_id;
    c.issued_at = issued.value_or(clock_.now());
    c.expires_at = c.issued_at + 1h;
    c.auth_time = session.auth_time;
    c.nonce = "n-7";
    c.sid = sid.empty() ? session.sid : sid;
    return oidc::issue_id_token(*keys_->active(oidc::id_token_algorithm(client)), c);
  }

  store::RefreshToken refresh_token_for(const std::string& hash, const std::string& name) {
    store::RefreshToken rt;
    rt.token_hash = crypto::sha256_hex(name);
    rt.family_id = "fam-" + name;
    rt.client_id = "rp";
    rt.user_id = alice_id_;
    rt.session_id = hash;
    rt.auth_time = rt.created_at = clock_.now();
    rt.expires_at = rt.idle_expires_at = clock_.now() + 3600s;
    store_->tokens().create_refresh(rt);
    return rt;
  }

  static std::string logout_target(const std::vector<std::pair<std::string, std::string>>& params) {
    return "/oidc/logout?" + http::encode_form(params);
  }

  // True when the browser's cookie no longer signs in silently (prompt=none -> login_required).
  bool signed_out(Browser& b, const std::string& client_id = "rp") {
    auto r = b.get(authorize_target({{"prompt", "none"}}, client_id));
    return query_of(r.header("Location").value_or(""))["error"] == "login_required";
  }

  // The claims of a logout token, verified with the server's published JWKS.
  boost::json::object verified_logout_token(const std::string& token) {
    auto jwks = get(port(), "/oidc/jwks");
    EXPECT_EQ(jwks.status, 200);
    auto set = jose::JwkSet::parse(jwks.body);
    EXPECT_TRUE(set.ok());
    if (!set) return {};
    auto v = jose::verify(token, *set, jose::AlgorithmSet::asymmetric());
    EXPECT_TRUE(v.ok()) << (v ? "" : v.error().message);
    if (!v) return {};
    EXPECT_EQ(v->header.at("typ").as_string(), "logout+jwt");
    return boost::json::parse(v->payload).as_object();
  }
};

// --- RP-initiated logout with a valid id_token_hint --------------------------------------------

TEST_F(EndSession, ValidHintEndsTheSessionAndRedirectsWithState) {
  add_rp("rp");
  Browser b(port());
  sign_in(b);
  const auto hash = session_hash(b);
  const auto rt = refresh_token_for(hash, "refresh-1");

  auto r =
      b.get(logout_target({{"id_token_hint", id_token(hash)}, {"post_logout_redirect_uri", kBye}, {"state", "s-1"}}));
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("Location").value_or(""), "https://app.example/bye?state=s-1");
  EXPECT_EQ(r.header("Cache-Control").value_or(""), "no-store");
  EXPECT_FALSE(b.cookies.count("authly_session"));  // cleared
  EXPECT_TRUE(session_of(hash).ended_at);
  EXPECT_TRUE(store_->tokens().find_refresh(rt.token_hash)->revoked_at);
  const auto audit = store_->audit().list_recent(1).front();
  EXPECT_EQ(audit.type, "session.ended");
  EXPECT_THAT(audit.detail, HasSubstr("rp_logout"));
}

TEST_F(EndSession, OldCookieNoLongerSignsInAfterLogout) {
  add_rp("rp");
  Browser b(port());
  sign_in(b);
  const auto cookie = b.cookies["authly_session"];
  ASSERT_FALSE(signed_out(b));
  auto r = b.get(logout_target({{"id_token_hint", id_token(session_hash(b))}}));
  ASSERT_EQ(r.status, 200) << r.body;
  b.cookies["authly_session"] = cookie;  // even a browser that kept the cookie
  EXPECT_TRUE(signed_out(b));
}

TEST_F(EndSession, RedirectKeepsTheRegisteredQueryAndAddsState) {
  add_rp("rp");
  Browser b(port());
  sign_in(b);
  auto r = b.get(logout_target({{"id_token_hint", id_token(session_hash(b))},
                                {"post_logout_redirect_uri", "https://app.example/bye?from=op"},
                                {"state", "s 2"}}));
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("Location").value_or(""), "https://app.example/bye?from=op&state=s+2");
}

TEST_F(EndSession, NoStateMeansNoStateParameter) {
  add_rp("rp");
  Browser b(port());
  sign_in(b);
  auto r = b.get(logout_target({{"id_token_hint", id_token(session_hash(b))}, {"post_logout_redirect_uri", kBye}}));
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("Location").value_or(""), kBye);
}

TEST_F(EndSession, WithoutRedirectUriShowsTheSignedOutPage) {
  add_rp("rp");
  Browser b(port());
  sign_in(b);
  const auto hash = session_hash(b);
  auto r = b.get(logout_target({{"id_token_hint", id_token(hash)}, {"state", "s-1"}}));
  EXPECT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr("signed out"));
  EXPECT_EQ(r.header("X-Frame-Options").value_or(""), "DENY");
  EXPECT_FALSE(active(hash));
}

TEST_F(EndSession, PostIsAcceptedLikeGet) {
  add_rp("rp");
  Browser b(port());
  sign_in(b);
  const auto hash = session_hash(b);
  auto r =
      b.post("/oidc/logout", {{"id_token_hint", id_token(hash)}, {"post_logout_redirect_uri", kBye}, {"state", "s-3"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("Location").value_or(""), "https://app.example/bye?state=s-3");
  EXPECT_FALSE(active(hash));
}

TEST_F(EndSession, ExpiredHintIsAccepted) {
  add_rp("rp");
  Browser b(port());
  sign_in(b);
  const auto hash = session_hash(b);
  // Issued and expired a day ago: RP-Initiated Logout §4 lets the OP accept it.
  auto r = b.get(
      logout_target({{"id_token_hint", id_token(hash, "rp", clock_.now() - 24h)}, {"post_logout_redirect_uri", kBye}}));
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_FALSE(active(hash));
}

TEST_F(EndSession, ClientIdGivenWithTheHintMustBeItsAudience) {
  add_rp("rp");
  add_rp("other");
  Browser b(port());
  sign_in(b);
  const auto hash = session_hash(b);
  auto r = b.get(
      logout_target({{"id_token_hint", id_token(hash)}, {"client_id", "other"}, {"post_logout_redirect_uri", kBye}}));
  EXPECT_EQ(r.status, 400);
  EXPECT_FALSE(r.header("Location"));
  EXPECT_TRUE(active(hash));
  auto same = b.get(logout_target({{"id_token_hint", id_token(hash)}, {"client_id", "rp"}}));
  EXPECT_EQ(same.status, 200);
  EXPECT_FALSE(active(hash));
}

// --- what is refused, and changes nothing --------------------------------------------------------

TEST_F(EndSession, PostLogoutRedirectUriMustMatchARegisteredOneExactly) {
  add_rp("rp");
  Browser b(port());
  sign_in(b);
  const auto hash = session_hash(b);
  const auto hint = id_token(hash);
  for (const char* uri : {"https://app.example/bye/",         // trailing slash
                          "https://app.example:8443/bye",     // another port
                          "https://app.example:443/bye",      // the same URL spelt differently
                          "https://APP.example/bye",          // case
                          "http://app.example/bye",           // scheme
                          "https://app.example/bye?state=x",  // extra query
                          "https://app.example/bye#f",        // fragment
                          "https://app.example/cb",           // a redirect_uri, not a post-logout one
                          "http://127.0.0.1:9090/bye",        // loopback port variance is for redirect_uris
                          "https://evil.example/bye"}) {      // unregistered
    auto r = b.get(logout_target({{"id_token_hint", hint}, {"post_logout_redirect_uri", uri}, {"state", "s"}}));
    EXPECT_EQ(r.status, 400) << uri;
    EXPECT_FALSE(r.header("Location")) << uri;
    EXPECT_EQ(r.header("X-Frame-Options").value_or(""), "DENY");
    EXPECT_TRUE(active(hash)) << uri;
  }
  EXPECT_FALSE(signed_out(b));
}

TEST_F(EndSession, PostLogoutRedirectUriNeedsAClient) {
  add_rp("rp");
  Browser b(port());
  sign_in(b);
  auto r = b.get(logout_target({{"post_logout_redirect_uri", kBye}, {"state", "s"}}));
  EXPECT_EQ(r.status, 400);
  EXPECT_FALSE(r.header("Location"));
  EXPECT_TRUE(active(session_hash(b)));
}

TEST_F(EndSession, RedirectUriOfAnotherClientIsRefused) {
  add_rp("rp");
  Browser b(port());
  sign_in(b);
  // "app" (the harness's client) registered no post-logout redirect URIs.
  auto r = b.get(logout_target({{"client_id", "app"}, {"post_logout_redirect_uri", kBye}}));
  EXPECT_EQ(r.status, 400);
  EXPECT_FALSE(r.header("Location"));
}

TEST_F(EndSession, ForgedHintIsRefused) {
  add_rp("rp");
  Browser b(port());
  sign_in(b);
  const auto hash = session_hash(b);
  const auto genuine = id_token(hash);
  // Signed by a key the server never published, under the published key's kid.
  const auto published_kid = jose::decode_header_unverified(genuine)->at("kid").as_string();
  const auto stranger = jose::SigningKey::generate(jose::Algorithm::RS256, std::string(published_kid));
  const auto payload = genuine.substr(genuine.find('.') + 1, genuine.rfind('.') - genuine.find('.') - 1);
  const auto forged = jose::sign(stranger, jose::HeaderParams{.typ = "JWT"}, *core::base64url_decode(payload));
  // A valid signature over other claims.
  auto tampered = genuine;
  tampered[genuine.find('.') + 5] = tampered[genuine.find('.') + 5] == 'A' ? 'B' : 'A';
  for (const auto& hint : {forged, tampered, std::string("not.a.token")}) {
    auto r = b.get(logout_target({{"id_token_hint", hint}, {"post_logout_redirect_uri", kBye}, {"state", "s"}}));
    EXPECT_EQ(r.status, 400);
    EXPECT_FALSE(r.header("Location"));
    EXPECT_TRUE(active(hash));
  }
}

TEST_F(EndSession, HintFromAnotherIssuerIsRefused) {
  add_rp("rp");
  Browser b(port());
  sign_in(b);
  const auto hash = session_hash(b);
  const auto session = session_of(hash);
  oidc::IdTokenClaims c;
  c.issuer = "https://other.example";
  c.subject = alice_id_;
  c.audience = "rp";
  c.issued_at = clock_.now();
  c.expires_at = clock_.now() + 1h;
  c.sid = session.sid;
  const auto hint = oidc::issue_id_token(*keys_->active(jose::Algorithm::RS256), c);
  EXPECT_EQ(b.get(logout_target({{"id_token_hint", hint}})).status, 400);
  EXPECT_TRUE(active(hash));
}

TEST_F(EndSession, RepeatedParametersAreRefused) {
  add_rp("rp");
  Browser b(port());
  sign_in(b);
  const auto hash = session_hash(b);
  auto r = b.get(logout_target({{"id_token_hint", id_token(hash)},
                                {"post_logout_redirect_uri", kBye},
                                {"post_logout_redirect_uri", "https://evil.example/"}}));
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(active(hash));
}

// --- without a hint: the user confirms -----------------------------------------------------------

TEST_F(EndSession, WithoutHintAsksTheUserToConfirm) {
  add_rp("rp");
  Browser b(port());
  sign_in(b);
  const auto hash = session_hash(b);
  auto page = b.get(logout_target({{"client_id", "rp"}, {"post_logout_redirect_uri", kBye}, {"state", "s-9"}}));
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("Sign out?"));
  EXPECT_THAT(page.body, HasSubstr("Relying party rp"));
  EXPECT_THAT(page.body, HasSubstr("action=\"/oidc/logout\""));
  EXPECT_FALSE(field(page.body, "csrf").empty());
  EXPECT_EQ(field(page.body, "post_logout_redirect_uri"), kBye);
  EXPECT_EQ(field(page.body, "state"), "s-9");
  // Clickjacking and caching headers as on every page; the form may lead to the RP's origin.
  EXPECT_EQ(page.header("X-Frame-Options").value_or(""), "DENY");
  EXPECT_THAT(page.header("Content-Security-Policy").value_or(""), HasSubstr("frame-ancestors 'none'"));
  EXPECT_THAT(page.header("Content-Security-Policy").value_or(""), HasSubstr("form-action 'self' https://app.example"));
  EXPECT_EQ(page.header("Cache-Control").value_or(""), "no-store");
  EXPECT_TRUE(active(hash));  // nothing ends before the user says so
}

TEST_F(EndSession, HintForAnotherSessionAsksToConfirm) {
  add_rp("rp");
  Browser b(port());
  sign_in(b);
  const auto hash = session_hash(b);
  auto page = b.get(logout_target({{"id_token_hint", id_token(hash, "rp", {}, "some-older-session")}}));
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("Sign out?"));
  EXPECT_TRUE(active(hash));
}

TEST_F(EndSession, ConfirmingEndsTheSessionAndRedirects) {
  add_rp("rp");
  Browser b(port());
  sign_in(b);
  const auto hash = session_hash(b);
  const auto rt = refresh_token_for(hash, "refresh-c");
  auto page = b.get(logout_target({{"client_id", "rp"}, {"post_logout_redirect_uri", kBye}, {"state", "s-9"}}));
  ASSERT_EQ(page.status, 200);
  auto r = b.post("/oidc/logout", {{"csrf", field(page.body, "csrf")},
                                   {"client_id", field(page.body, "client_id")},
                                   {"post_logout_redirect_uri", field(page.body, "post_logout_redirect_uri")},
                                   {"state", field(page.body, "state")},
                                   {"decision", "logout"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("Location").value_or(""), "https://app.example/bye?state=s-9");
  EXPECT_FALSE(active(hash));
  EXPECT_TRUE(store_->tokens().find_refresh(rt.token_hash)->revoked_at);
  EXPECT_FALSE(b.cookies.count("authly_session"));
}

TEST_F(EndSession, ConfirmingWithoutAnyClientShowsTheSignedOutPage) {
  Browser b(port());
  ASSERT_EQ(full_flow(b).status, 303);
  const auto hash = session_hash(b);
  auto page = b.get("/oidc/logout");
  ASSERT_EQ(page.status, 200);
  auto r = b.post("/oidc/logout", {{"csrf", field(page.body, "csrf")},
                                   {"client_id", ""},
                                   {"post_logout_redirect_uri", ""},
                                   {"state", ""},
                                   {"decision", "logout"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr("signed out"));
  EXPECT_FALSE(active(hash));
}

TEST_F(EndSession, ConfirmationWithoutOrWithWrongCsrfIsRefused) {
  add_rp("rp");
  Browser b(port());
  sign_in(b);
  const auto hash = session_hash(b);
  auto page = b.get(logout_target({{"client_id", "rp"}, {"post_logout_redirect_uri", kBye}, {"state", "s-9"}}));
  ASSERT_EQ(page.status, 200);
  const auto csrf = field(page.body, "csrf");
  const std::vector<std::pair<std::string, std::string>> fields{
      {"client_id", "rp"}, {"post_logout_redirect_uri", kBye}, {"state", "s-9"}, {"decision", "logout"}};
  auto with = [&](std::vector<std::pair<std::string, std::string>> f, std::string token) {
    if (!token.empty()) f.emplace_back("csrf", std::move(token));
    return f;
  };
  EXPECT_EQ(b.post("/oidc/logout", with(fields, "")).status, 403);
  EXPECT_EQ(b.post("/oidc/logout", with(fields, csrf + "x")).status, 403);
  EXPECT_EQ(b.post("/oidc/logout", with(fields, "AAAA")).status, 403);
  // The token binds the hidden fields: another (registered) target or state is refused too.
  auto swapped = with(fields, csrf);
  swapped[1].second = "https://app.example/bye?from=op";
  EXPECT_EQ(b.post("/oidc/logout", swapped).status, 403);
  auto other_state = with(fields, csrf);
  other_state[2].second = "attacker";
  EXPECT_EQ(b.post("/oidc/logout", other_state).status, 403);
  // Another browser (its own session) cannot use this browser's token.
  Browser other(port());
  sign_in(other);
  EXPECT_EQ(other.post("/oidc/logout", with(fields, csrf)).status, 403);
  EXPECT_TRUE(active(session_hash(other)));
  EXPECT_TRUE(active(hash));
  EXPECT_FALSE(signed_out(b));
}

TEST_F(EndSession, DecliningEndsNothing) {
  add_rp("rp");
  Browser b(port());
  sign_in(b);
  const auto hash = session_hash(b);
  auto page = b.get(logout_target({{"client_id", "rp"}, {"post_logout_redirect_uri", kBye}, {"state", "s-9"}}));
  auto r = b.post("/oidc/logout", {{"csrf", field(page.body, "csrf")},
                                   {"client_id", "rp"},
                                   {"post_logout_redirect_uri", kBye},
                                   {"state", "s-9"},
                                   {"decision", "stay"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr("still signed in"));
  EXPECT_FALSE(r.header("Location"));
  EXPECT_EQ(r.header("X-Frame-Options").value_or(""), "DENY");
  EXPECT_TRUE(active(hash));
  EXPECT_TRUE(b.cookies.count("authly_session"));
  EXPECT_FALSE(signed_out(b));
}

TEST_F(EndSession, WithoutASessionTheRpStillGetsTheUserBack) {
  add_rp("rp");
  Browser b(port());  // never signed in
  auto r = b.get(logout_target({{"client_id", "rp"}, {"post_logout_redirect_uri", kBye}, {"state", "s-0"}}));
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("Location").value_or(""), "https://app.example/bye?state=s-0");
  // ...but only to a registered URI.
  EXPECT_EQ(b.get(logout_target({{"client_id", "rp"}, {"post_logout_redirect_uri", "https://evil.example/"}})).status,
            400);
  EXPECT_EQ(b.get("/oidc/logout").status, 200);  // the signed-out page
}

// --- back-channel logout ------------------------------------------------------------------------

TEST_F(EndSession, BackchannelLogoutTokenIsDeliveredAndVerifies) {
  LogoutReceiver rp_endpoint;
  add_rp("rp", {.backchannel_logout_uri = rp_endpoint.uri()});
  Browser b(port());
  sign_in(b);
  const auto hash = session_hash(b);
  const auto session = session_of(hash);
  auto r = b.get(logout_target({{"id_token_hint", id_token(hash)}, {"post_logout_redirect_uri", kBye}}));
  ASSERT_EQ(r.status, 303);
  ASSERT_TRUE(backchannel().drain(20s));

  const auto tokens = rp_endpoint.tokens();
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(rp_endpoint.content_types().front(), "application/x-www-form-urlencoded");
  const auto claims = verified_logout_token(tokens.front());
  EXPECT_EQ(claims.at("iss").as_string(), config_.issuer);
  EXPECT_EQ(claims.at("aud").as_string(), "rp");
  EXPECT_EQ(claims.at("sub").as_string(), alice_id_);
  EXPECT_EQ(claims.at("sid").as_string(), session.sid);
  EXPECT_FALSE(claims.at("jti").as_string().empty());
  EXPECT_EQ(claims.at("iat").as_int64(), core::to_unix(clock_.now()));
  EXPECT_GT(claims.at("exp").as_int64(), claims.at("iat").as_int64());
  EXPECT_TRUE(claims.at("events").as_object().at(kBackchannelEvent).as_object().empty());
  EXPECT_FALSE(claims.contains("nonce"));
}

TEST_F(EndSession, BackchannelTokenUsesTheClientsAlgAndPairwiseSubject) {
  LogoutReceiver rp_endpoint;
  add_rp("rp", {.backchannel_logout_uri = rp_endpoint.uri(), .subject_type = "pairwise", .alg = "ES256"});
  Browser b(port());
  sign_in(b);
  const auto hash = session_hash(b);
  ASSERT_EQ(b.get(logout_target({{"id_token_hint", id_token(hash)}})).status, 200);
  ASSERT_TRUE(backchannel().drain(20s));
  ASSERT_EQ(rp_endpoint.tokens().size(), 1u);
  const auto token = rp_endpoint.tokens().front();
  EXPECT_EQ(jose::decode_header_unverified(token)->at("alg").as_string(), "ES256");
  const auto claims = verified_logout_token(token);
  const auto client = store_->clients().find("rp").value();
  EXPECT_EQ(claims.at("sub").as_string(), oidc::subject_for(client, alice_id_, pairwise_key()));
  EXPECT_NE(claims.at("sub").as_string(), alice_id_);
}

TEST_F(EndSession, EveryClientOfTheSessionIsNotifiedAndNoOther) {
  LogoutReceiver first, second, bystander;
  add_rp("rp", {.backchannel_logout_uri = first.uri()});
  add_rp("rp2", {.backchannel_logout_uri = second.uri()});
  add_rp("rp3", {.backchannel_logout_uri = bystander.uri()});  // never used by this session
  Browser b(port());
  sign_in(b, "rp");
  sso(b, "rp2");
  ASSERT_EQ(b.get(logout_target({{"id_token_hint", id_token(session_hash(b))}})).status, 200);
  ASSERT_TRUE(backchannel().drain(20s));
  ASSERT_EQ(first.tokens().size(), 1u);
  ASSERT_EQ(second.tokens().size(), 1u);
  EXPECT_TRUE(bystander.tokens().empty());
  const auto a = verified_logout_token(first.tokens().front());
  const auto c = verified_logout_token(second.tokens().front());
  EXPECT_EQ(a.at("aud").as_string(), "rp");
  EXPECT_EQ(c.at("aud").as_string(), "rp2");
  EXPECT_EQ(a.at("sid"), c.at("sid"));
  EXPECT_NE(a.at("jti"), c.at("jti"));
}

TEST_F(EndSession, BackchannelDeliveryIsRetriedAfterAFailure) {
  LogoutReceiver rp_endpoint({500});
  add_rp("rp", {.backchannel_logout_uri = rp_endpoint.uri()});
  Browser b(port());
  sign_in(b);
  ASSERT_EQ(b.get(logout_target({{"id_token_hint", id_token(session_hash(b))}})).status, 200);
  ASSERT_TRUE(backchannel().drain(20s));
  const auto tokens = rp_endpoint.tokens();
  ASSERT_EQ(tokens.size(), 2u);  // 500, then 200 on the second attempt
  EXPECT_EQ(tokens[0], tokens[1]);
  verified_logout_token(tokens[1]);
}

TEST_F(EndSession, BackchannelGivesUpAfterTheConfiguredAttempts) {
  LogoutReceiver rp_endpoint({500, 503, 500, 500});
  add_rp("rp", {.backchannel_logout_uri = rp_endpoint.uri()});
  Browser b(port());
  sign_in(b);
  ASSERT_EQ(b.get(logout_target({{"id_token_hint", id_token(session_hash(b))}})).status, 200);
  ASSERT_TRUE(backchannel().drain(20s));
  EXPECT_EQ(rp_endpoint.tokens().size(), 3u);  // oidc.backchannel_attempts
}

TEST_F(EndSession, HangingReceiverDoesNotBlockTheLogoutResponse) {
  BlackHole hanging;
  add_rp("rp", {.backchannel_logout_uri = hanging.uri()});
  Browser b(port());
  sign_in(b);
  const auto hash = session_hash(b);
  auto r = b.get(logout_target({{"id_token_hint", id_token(hash)}, {"post_logout_redirect_uri", kBye}}));
  ASSERT_EQ(r.status, 303);
  EXPECT_FALSE(active(hash));
  // The user has the answer while the delivery is still waiting on the relying party.
  EXPECT_FALSE(backchannel().drain(0ms));
  hanging.close();  // the RP goes away: the attempt fails, the retries are refused
  EXPECT_TRUE(backchannel().drain(30s));
}

TEST_F(EndSession, AuthLogoutAlsoNotifies) {
  LogoutReceiver rp_endpoint;
  add_rp("rp", {.backchannel_logout_uri = rp_endpoint.uri()});
  Browser b(port());
  sign_in(b);
  const auto session = session_of(session_hash(b));
  ASSERT_EQ(b.post("/auth/logout", {}, {{"Sec-Fetch-Site", "same-origin"}}).status, 204);
  ASSERT_TRUE(backchannel().drain(20s));
  ASSERT_EQ(rp_endpoint.tokens().size(), 1u);
  const auto claims = verified_logout_token(rp_endpoint.tokens().front());
  EXPECT_EQ(claims.at("sid").as_string(), session.sid);
  EXPECT_THAT(store_->audit().list_recent(1).front().detail, HasSubstr("\"reason\":\"logout\""));
}

TEST_F(EndSession, AnEndedSessionIsNotNotifiedTwice) {
  LogoutReceiver rp_endpoint;
  add_rp("rp", {.backchannel_logout_uri = rp_endpoint.uri()});
  Browser b(port());
  sign_in(b);
  const auto hash = session_hash(b);
  const auto hint = id_token(hash);
  const auto cookie = b.cookies["authly_session"];
  ASSERT_EQ(b.get(logout_target({{"id_token_hint", hint}})).status, 200);
  b.cookies["authly_session"] = cookie;
  ASSERT_EQ(b.post("/auth/logout", {}, {{"Sec-Fetch-Site", "same-origin"}}).status, 204);
  ASSERT_TRUE(backchannel().drain(20s));
  EXPECT_EQ(rp_endpoint.tokens().size(), 1u);
}

TEST_F(EndSession, DiscoveryAdvertisesTheEndpoints) {
  auto doc = boost::json::parse(get(port(), "/.well-known/openid-configuration").body).as_object();
  EXPECT_EQ(doc.at("end_session_endpoint").as_string(), config_.issuer + "/oidc/logout");
  EXPECT_TRUE(doc.at("backchannel_logout_supported").as_bool());
  EXPECT_TRUE(doc.at("backchannel_logout_session_supported").as_bool());
}

}  // namespace
}  // namespace authly::test::browser
