// `authly serve` on a fresh data directory: the directory is 0700, the SQLite database and its WAL
// files 0600 (they hold password hashes and personal data), even under a permissive umask.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <filesystem>

#include "support/process.hpp"
#include "support/raw_http.hpp"

namespace authly::test {
namespace {

unsigned mode_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return 01000;  // "missing", never a valid mode
  return st.st_mode & 0777;
}

TEST(ServeDataDir, FreshDataDirIsOwnerOnly) {
  TempDir tmp;
  const std::string dir = tmp.path() + "/var";
  const mode_t old = ::umask(022);  // the child inherits it
  {
    AuthlyServer server(base_env({{"AUTHLY_DATA_DIR", dir}}));
    ASSERT_EQ(get(server.port(), "/health/ready").status, 200);
    EXPECT_EQ(mode_of(dir), 0700u);
    EXPECT_EQ(mode_of(dir + "/authly.db"), 0600u);
    EXPECT_EQ(mode_of(dir + "/master.key"), 0600u);
    for (const auto* suffix : {"-wal", "-shm"}) {
      const auto path = dir + "/authly.db" + suffix;
      if (std::filesystem::exists(path)) {
        EXPECT_EQ(mode_of(path), 0600u) << path;
      }
    }
    server.process().send_signal(SIGTERM);
    EXPECT_EQ(server.process().wait_for(std::chrono::seconds(20)), 0);
  }
  ::umask(old);
}

TEST(ServeDataDir, LooseDatabaseModeIsTightenedWithALogLine) {
  TempDir tmp;
  const std::string dir = tmp.path() + "/var";
  const Env env = base_env({{"AUTHLY_DATA_DIR", dir}});
  ASSERT_EQ(run_authly({"db", "upgrade"}, env).exit_code, 0);
  std::filesystem::permissions(dir, std::filesystem::perms(0755));
  std::filesystem::permissions(dir + "/authly.db", std::filesystem::perms(0644));

  AuthlyServer server(env);
  EXPECT_EQ(mode_of(dir), 0700u);
  EXPECT_EQ(mode_of(dir + "/authly.db"), 0600u);
  server.process().send_signal(SIGTERM);
  EXPECT_EQ(server.process().wait_for(std::chrono::seconds(20)), 0);
  EXPECT_NE(server.process().err().find("storage.permissions_tightened"), std::string::npos) << server.process().err();
}

}  // namespace
}  // namespace authly::test
