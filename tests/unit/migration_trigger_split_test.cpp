// Migrations are split into statements at ';' — except inside an SQLite trigger body, whose
// statements end with ';' too and belong to the one CREATE TRIGGER.
#include <gtest/gtest.h>

#include "store/sql/migrator.hpp"

namespace authly::store::sql {
namespace {

TEST(MigrationSplit, TriggerBodyStaysOneStatement) {
  const auto statements = split_sql_statements(
      "CREATE TABLE t (a INT);\n"
      "CREATE TRIGGER t_bump AFTER INSERT ON t\n"
      "BEGIN\n  UPDATE v SET n = n + 1 WHERE name = 'a;b';\n  UPDATE v SET m = 1;\nEND;\n"
      "INSERT INTO t VALUES (1);");
  ASSERT_EQ(statements.size(), 3u);
  EXPECT_EQ(statements[1],
            "CREATE TRIGGER t_bump AFTER INSERT ON t\nBEGIN\n  UPDATE v SET n = n + 1 WHERE name = 'a;b';\n  "
            "UPDATE v SET m = 1;\nEND");
  EXPECT_EQ(statements[2], "INSERT INTO t VALUES (1)");
}

TEST(MigrationSplit, TriggerWithoutBodyEndsAtItsSemicolon) {
  // PostgreSQL: CREATE TRIGGER ... EXECUTE FUNCTION f(); has no BEGIN ... END.
  const auto statements =
      split_sql_statements("CREATE TRIGGER x AFTER INSERT ON t FOR EACH STATEMENT EXECUTE FUNCTION f('t');\nSELECT 1;");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[1], "SELECT 1");
}

}  // namespace
}  // namespace authly::store::sql
