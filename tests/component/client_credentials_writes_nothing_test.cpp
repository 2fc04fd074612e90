// Issuing a client_credentials access token (RFC 6749 §4.4) writes nothing on the request path:
// the JWT is not stored (RFC 9068, DESIGN.md §4) and its audit event waits in the application's
// audit writer until the next group commit.
#include <gtest/gtest.h>

#include "cache/rate_limiter.hpp"
#include "core/clock.hpp"
#include "core/random.hpp"
#include "jose/signing_key.hpp"
#include "oauth/grants/client_credentials_grant.hpp"
#include "store/queued_audit_store.hpp"
#include "support/recording_store.hpp"

namespace authly::oauth {
namespace {

const core::SystemClock kWallClock;  // the limiter's windows; nothing here advances time

TEST(ClientCredentialsWritesNothing, AuditEventIsQueuedNotWrittenByTheRequest) {
  auto raw = store::open_store({"sqlite::memory:", 2, 5'000});
  raw->migrate();
  store::Client client;
  client.id = "svc";
  client.name = "svc";
  client.type = store::ClientType::confidential;
  client.grant_types = {"client_credentials"};
  client.scope = "api";
  client.token_endpoint_auth_method = "client_secret_basic";
  raw->clients().create(client);

  auto recording = std::make_unique<test::RecordingStore>(*raw);
  auto* seen = recording.get();
  store::AuditWriterOptions options;
  options.flush_interval = std::chrono::milliseconds(60'000);  // only flush() writes in this test
  store::QueuedAuditStore store(std::move(recording), options);
  store.writer().start();

  TokenPolicy policy;
  policy.issuer = "https://id.example.test";
  core::SystemRandom rng;
  core::FixedClock clock{core::from_unix(1'800'000'000)};
  crypto::PasswordHasher hasher{crypto::PasswordPolicy{crypto::PasswordPolicy::Algorithm::argon2id, 4, 1, 8}};
  auto limiter = cache::make_rate_limiter(nullptr, kWallClock);
  auto key = std::make_shared<const jose::SigningKey>(jose::SigningKey::generate(jose::Algorithm::ES256));
  GrantContext ctx{policy, store, rng, clock.now(), key, hasher, *limiter, "192.0.2.1"};

  auto issued = client_credentials_grant(ctx, client, {std::nullopt});
  ASSERT_TRUE(issued.ok());
  EXPECT_TRUE(seen->batches().empty());   // no transaction
  EXPECT_EQ(seen->direct_appends(), 0u);  // no audit row written in place
  EXPECT_TRUE(raw->audit().list_recent(10).empty());

  ASSERT_TRUE(store.writer().flush());
  EXPECT_EQ(seen->batches(), (std::vector<std::size_t>{1}));
  const auto events = raw->audit().list_recent(10);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events.front().type, "token.issued");
  EXPECT_EQ(events.front().actor, "svc");
}

}  // namespace
}  // namespace authly::oauth
