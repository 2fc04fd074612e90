#pragma once
// Running the real `authly` binary from tests: one-shot commands and long-running servers.
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace authly::test {

using Env = std::map<std::string, std::string>;

struct ProcessResult {
  int exit_code = -1;  // -1: killed after the timeout
  std::string out;
  std::string err;
};

// A fresh temporary directory, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

// Minimal environment for the child (PATH, HOME, LANG) plus `extra`; nothing else leaks in, so an
// AUTHLY_* variable of the developer's shell cannot change a test.
Env base_env(const Env& extra = {});

// Runs argv to completion, feeding `stdin_data`; kills it after `timeout`.
ProcessResult run_process(const std::vector<std::string>& argv, const Env& env, const std::string& stdin_data = "",
                          std::chrono::milliseconds timeout = std::chrono::seconds(60));

// `authly <args...>` with the given environment.
ProcessResult run_authly(const std::vector<std::string>& args, const Env& env, const std::string& stdin_data = "");

// A background child whose stdout/stderr go to files.
class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& argv, const Env& env);
  ~ChildProcess();  // SIGKILLs the child if it is still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const noexcept { return pid_; }
  void send_signal(int sig);
  // The exit code once the child has exited within `timeout`; nullopt if it is still running.
  // A child killed by a signal reports 128 + signal.
  std::optional<int> wait_for(std::chrono::milliseconds timeout);
  bool running();
  std::string out() const;
  std::string err() const;

 private:
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
  TempDir dir_;
};

// An ephemeral port that was free a moment ago (bind to port 0, read it, close).
std::uint16_t free_port();

// `authly serve` on a free port with the given environment; waits until /health/live answers.
// Throws std::runtime_error with the server's stderr if it does not come up within 20 s.
class AuthlyServer {
 public:
  explicit AuthlyServer(Env env, std::vector<std::string> extra_args = {});
  std::uint16_t port() const noexcept { return port_; }
  ChildProcess& process() noexcept { return *child_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  std::uint16_t port_ = 0;
  std::unique_ptr<ChildProcess> child_;
};

std::string read_file(const std::string& path);

}  // namespace authly::test
