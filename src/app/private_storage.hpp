#pragma once
// The data directory and the embedded SQLite database hold password hashes, personal data and the
// master key: they are readable by Authly's own user only. A fresh directory is created 0700 and a
// fresh database file 0600 (explicit modes, not the process umask, which is process-wide and not
// Authly's to change while threads run); SQLite gives its -wal/-shm files the database file's mode.
// Group or other permissions found on start (an older version, a restored backup, a permissive
// umask) are removed, with a log line naming the path and the modes.
#include <filesystem>

namespace authly::app {

// Creates `dir` (and missing parents) if needed; the directory itself ends up without group or
// other permissions.
void ensure_private_directory(const std::filesystem::path& dir);

// Creates the database file empty (SQLite treats an empty file as a new database) with mode 0600
// if it does not exist, its missing parent directory 0700; removes group and other permissions
// from the file and from its -wal, -shm and -journal companions that exist.
void ensure_private_database_file(const std::filesystem::path& file);

}  // namespace authly::app
