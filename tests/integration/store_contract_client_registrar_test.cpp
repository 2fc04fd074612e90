// Store contract: who registered a client (clients.registered_by_admin, migration 009), which
// decides the addresses its back-channel and jwks_uri requests may reach.
#include <gmock/gmock.h>

#include "store_fixture.hpp"

namespace authly::test {
namespace {

TEST_P(StoreContract, ClientRegistrarRoundTripsAndSurvivesUpdates) {
  auto admin = make_client("admin-made");
  admin.registered_by_admin = true;
  db().clients().create(admin);
  db().clients().create(make_client("self-made"));
  EXPECT_TRUE(db().clients().find("admin-made")->registered_by_admin);
  EXPECT_FALSE(db().clients().find("self-made")->registered_by_admin);
  // An update replaces the metadata, never the record of where the client came from.
  auto changed = *db().clients().find("admin-made");
  changed.name = "renamed";
  changed.registered_by_admin = false;
  ASSERT_TRUE(db().clients().update(changed));
  EXPECT_TRUE(db().clients().find("admin-made")->registered_by_admin);
  auto self = *db().clients().find("self-made");
  self.registered_by_admin = true;
  ASSERT_TRUE(db().clients().update(self));
  EXPECT_FALSE(db().clients().find("self-made")->registered_by_admin);
}

TEST_P(StoreContract, ClientRegistrarIsBackfilledFromTheAuditTrail) {
  // The database as it was before migration 009: clients without the column.
  raw_exec("DELETE FROM schema_migrations WHERE version = 9");
  raw_exec("ALTER TABLE clients DROP COLUMN registered_by_admin");
  for (const char* id : {"cli-made", "api-made", "dynamic", "unknown"})
    raw_exec(std::string("INSERT INTO clients (id, type, token_endpoint_auth_method, id_token_signed_response_alg, "
                         "subject_type, created_at, updated_at) VALUES ('") +
             id + "', 'public', 'none', 'RS256', 'public', 0, 0)");
  raw_exec("INSERT INTO audit_events (at, type, actor, subject) VALUES (0, 'client.created', 'cli', 'cli-made')");
  raw_exec("INSERT INTO audit_events (at, type, actor, subject) VALUES (0, 'client.created', 'admin-id', 'api-made')");
  raw_exec(
      "INSERT INTO audit_events (at, type, actor, subject) VALUES (0, 'client.created', 'dynamic_registration', "
      "'dynamic')");
  // An administrator's later update does not make an anonymously registered client trusted.
  raw_exec("INSERT INTO audit_events (at, type, actor, subject) VALUES (1, 'client.updated', 'admin-id', 'dynamic')");

  const auto applied = db().migrate();
  ASSERT_EQ(applied.size(), 1u);
  EXPECT_EQ(applied.front().version, 9);
  EXPECT_TRUE(db().clients().find("cli-made")->registered_by_admin);
  EXPECT_TRUE(db().clients().find("api-made")->registered_by_admin);
  EXPECT_FALSE(db().clients().find("dynamic")->registered_by_admin);
  EXPECT_FALSE(db().clients().find("unknown")->registered_by_admin);  // no record: fail closed
}

}  // namespace
}  // namespace authly::test
