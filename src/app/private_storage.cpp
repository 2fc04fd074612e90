#include "app/private_storage.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include "observability/logger.hpp"

namespace authly::app {
namespace fs = std::filesystem;

namespace {

std::string octal(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

// Drops group and other permissions; keeps the owner's as they are.
void tighten(const fs::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return;  // gone meanwhile (a -shm removed on close)
  if (S_ISLNK(st.st_mode)) return;              // chmod would change the link's target, not ours
  if ((st.st_mode & 077) == 0) return;
  const mode_t wanted = st.st_mode & 07700;
  if (::chmod(path.c_str(), wanted) != 0)
    throw std::runtime_error("cannot restrict the permissions of " + path.string() + ": " + std::strerror(errno));
  observability::warn("storage.permissions_tightened",
                      {{"path", path.string()}, {"from", octal(st.st_mode)}, {"to", octal(wanted)}});
}

}  // namespace

void ensure_private_directory(const fs::path& dir) {
  if (!fs::exists(dir)) {
    fs::create_directories(dir);
    // mkdir's mode is filtered by the umask; set the exact one.
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
    return;
  }
  tighten(dir);
}

void ensure_private_database_file(const fs::path& file) {
  const auto parent = file.parent_path();
  if (!parent.empty() && !fs::exists(parent)) ensure_private_directory(parent);
  // O_EXCL: create only; an existing file (or one created by a concurrent start) is tightened below.
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd >= 0) {
    const int rc = ::fchmod(fd, 0600);  // whatever the umask made of 0600
    ::close(fd);
    if (rc != 0)
      throw std::runtime_error("cannot set the permissions of " + file.string() + ": " + std::strerror(errno));
  } else if (errno != EEXIST) {
    throw std::runtime_error("cannot create " + file.string() + ": " + std::strerror(errno));
  }
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) tighten(fs::path(file.string() + suffix));
}

}  // namespace authly::app
