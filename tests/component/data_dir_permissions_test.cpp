// The data directory holds the SQLite database (password hashes, personal data) and the master
// key: it is created 0700 and the database files 0600, whatever the umask, and looser modes left
// by an older version or an operator are tightened on start.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "app/application.hpp"
#include "support/process.hpp"

namespace authly::test {
namespace {

namespace fs = std::filesystem;

config::Config embedded_config(const std::string& data_dir) {
  config::Config c;
  c.data_dir = data_dir;  // database_url empty: <data_dir>/authly.db
  c.listen = "127.0.0.1:0";
  c.password.argon2_ops_limit = 1;
  c.password.argon2_mem_limit_kib = 8;
  return c;
}

unsigned mode_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return 01000;  // "missing", never a valid mode
  return st.st_mode & 0777;
}

// The usual umask of a service account, restored afterwards.
class DataDirPermissions : public ::testing::Test {
 protected:
  void SetUp() override { old_umask_ = ::umask(022); }
  void TearDown() override { ::umask(old_umask_); }
  mode_t old_umask_ = 0;
  TempDir tmp_;
  std::string dir_ = tmp_.path() + "/var";
};

TEST_F(DataDirPermissions, FreshDataDirIsOwnerOnly) {
  app::Application app(embedded_config(dir_));
  app.bootstrap();  // migrations: the database and its WAL files exist now
  EXPECT_EQ(mode_of(dir_), 0700u);
  EXPECT_EQ(mode_of(dir_ + "/authly.db"), 0600u);
  EXPECT_EQ(mode_of(dir_ + "/master.key"), 0600u);
  for (const auto* suffix : {"-wal", "-shm"}) {
    const auto path = dir_ + "/authly.db" + suffix;
    if (fs::exists(path)) {
      EXPECT_EQ(mode_of(path), 0600u) << path;
    }
  }
}

TEST_F(DataDirPermissions, LooseModesAreTightenedOnStart) {
  { app::Application(embedded_config(dir_)).bootstrap(); }
  fs::permissions(dir_, fs::perms(0755));
  fs::permissions(dir_ + "/authly.db", fs::perms(0644));
  for (const auto* suffix : {"-wal", "-shm"})
    if (fs::exists(dir_ + "/authly.db" + suffix)) fs::permissions(dir_ + "/authly.db" + suffix, fs::perms(0644));
  ASSERT_EQ(mode_of(dir_ + "/authly.db"), 0644u);

  app::Application app(embedded_config(dir_));
  EXPECT_EQ(mode_of(dir_), 0700u);
  EXPECT_EQ(mode_of(dir_ + "/authly.db"), 0600u);
  for (const auto* suffix : {"-wal", "-shm"}) {
    const auto path = dir_ + "/authly.db" + suffix;
    if (fs::exists(path)) {
      EXPECT_EQ(mode_of(path), 0600u) << path;
    }
  }
}

TEST_F(DataDirPermissions, ExplicitSqliteFileIsCreatedOwnerOnly) {
  auto c = embedded_config(dir_);
  const auto db = tmp_.path() + "/elsewhere/auth.db";
  c.database_url = "sqlite://" + db;
  app::Application app(c);
  app.bootstrap();
  EXPECT_EQ(mode_of(db), 0600u);
  EXPECT_EQ(mode_of(dir_), 0700u);  // still holds the master key
}

}  // namespace
}  // namespace authly::test
