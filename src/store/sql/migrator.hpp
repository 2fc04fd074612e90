#pragma once
// Schema migrations compiled into the binary (migrations/<backend>/NNN_name.sql, embedded by
// embed_migrations.cmake) and their bookkeeping in schema_migrations. Internal to store/sql.
#include <string>
#include <string_view>
#include <vector>

#include "store/sql/session_source.hpp"
#include "store/store.hpp"

namespace authly::store::sql {

struct EmbeddedMigration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// Ascending by version. Defined in the generated embedded_migrations.cpp.
const std::vector<EmbeddedMigration>& embedded_migrations(Backend backend);

// Splits a migration into statements at ';' outside quotes, comments and SQLite trigger bodies
// (CREATE TRIGGER ... BEGIN ...; END).
std::vector<std::string> split_sql_statements(std::string_view sql);

// Every embedded migration with its applied flag. Throws StoreError when the database records a
// version this binary does not know (a newer authly migrated it).
std::vector<MigrationInfo> migration_status(SessionSource& db);

// Applies each pending migration in its own transaction, serialised across instances
// (PostgreSQL: an advisory transaction lock; SQLite: BEGIN IMMEDIATE); returns what it applied.
std::vector<MigrationInfo> apply_migrations(SessionSource& db);

}  // namespace authly::store::sql
