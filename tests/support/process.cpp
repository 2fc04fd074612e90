#include "support/process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/test_env.hpp"

namespace authly::test {
namespace fs = std::filesystem;

namespace {

std::vector<char*> to_cstrings(std::vector<std::string>& v) {
  std::vector<char*> out;
  for (auto& s : v) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

std::vector<std::string> env_strings(const Env& env) {
  std::vector<std::string> out;
  for (const auto& [k, v] : env) out.push_back(k + "=" + v);
  return out;
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// Connects to 127.0.0.1:port and sends a GET; true when an HTTP 200 status line comes back.
bool live(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = false;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    const char req[] = "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if (::send(fd, req, sizeof req - 1, MSG_NOSIGNAL) > 0) {
      pollfd p{fd, POLLIN, 0};
      char buf[64] = {};
      if (::poll(&p, 1, 2000) > 0 && ::recv(fd, buf, sizeof buf - 1, 0) > 12)
        ok = std::strncmp(buf, "HTTP/1.1 200", 12) == 0;
    }
  }
  ::close(fd);
  return ok;
}

}  // namespace

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "authly-test-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

Env base_env(const Env& extra) {
  Env env;
  for (const char* name : {"PATH", "HOME", "LANG", "TMPDIR"})
    if (const char* v = std::getenv(name)) env[name] = v;
  for (const auto& [k, v] : extra) env[k] = v;
  return env;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

ProcessResult run_process(const std::vector<std::string>& argv_in, const Env& env, const std::string& stdin_data,
                          std::chrono::milliseconds timeout) {
  TempDir dir;
  const std::string out_path = dir.path() + "/out", err_path = dir.path() + "/err";
  int in_pipe[2];
  if (::pipe(in_pipe) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> argv = argv_in;
  std::vector<std::string> envs = env_strings(env);
  auto cargv = to_cstrings(argv);
  auto cenv = to_cstrings(envs);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::dup2(in_pipe[0], 0);
    ::close(in_pipe[0]);
    ::close(in_pipe[1]);
    const int o = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int e = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(o, 1);
    ::dup2(e, 2);
    ::execve(cargv[0], cargv.data(), cenv.data());
    _exit(127);
  }
  ::close(in_pipe[0]);
  if (!stdin_data.empty()) {
    const ssize_t n = ::write(in_pipe[1], stdin_data.data(), stdin_data.size());
    (void)n;  // a child that exits early closes the pipe; SIGPIPE is ignored below
  }
  ::close(in_pipe[1]);

  ProcessResult result;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (true) {
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      result.exit_code = decode_status(status);
      break;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      result.exit_code = -1;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  result.out = read_file(out_path);
  result.err = read_file(err_path);
  return result;
}

ProcessResult run_authly(const std::vector<std::string>& args, const Env& env, const std::string& stdin_data) {
  std::vector<std::string> argv{authly_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, env, stdin_data);
}

ChildProcess::ChildProcess(const std::vector<std::string>& argv_in, const Env& env) {
  ::signal(SIGPIPE, SIG_IGN);
  std::vector<std::string> argv = argv_in;
  std::vector<std::string> envs = env_strings(env);
  auto cargv = to_cstrings(argv);
  auto cenv = to_cstrings(envs);
  const std::string out_path = dir_.path() + "/out", err_path = dir_.path() + "/err";
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    const int devnull = ::open("/dev/null", O_RDONLY);
    ::dup2(devnull, 0);
    const int o = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int e = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(o, 1);
    ::dup2(e, 2);
    ::execve(cargv[0], cargv.data(), cenv.data());
    _exit(127);
  }
}

ChildProcess::~ChildProcess() {
  if (!exit_code_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
}

void ChildProcess::send_signal(int sig) {
  if (!exit_code_) ::kill(pid_, sig);
}

std::optional<int> ChildProcess::wait_for(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!exit_code_) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      exit_code_ = decode_status(status);
      break;
    }
    if (std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return exit_code_;
}

bool ChildProcess::running() { return !wait_for(std::chrono::milliseconds(0)).has_value(); }

std::string ChildProcess::out() const { return read_file(dir_.path() + "/out"); }
std::string ChildProcess::err() const { return read_file(dir_.path() + "/err"); }

std::uint16_t free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) throw std::runtime_error("bind failed");
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

AuthlyServer::AuthlyServer(Env env, std::vector<std::string> extra_args) {
  // A port can be taken between free_port() and bind; try a few.
  const bool issuer_given = env.count("AUTHLY_ISSUER") > 0;
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = free_port();
    env["AUTHLY_LISTEN"] = "127.0.0.1:" + std::to_string(port_);
    if (!issuer_given) env["AUTHLY_ISSUER"] = "http://127.0.0.1:" + std::to_string(port_);
    std::vector<std::string> argv{authly_binary(), "serve"};
    argv.insert(argv.end(), extra_args.begin(), extra_args.end());
    child_ = std::make_unique<ChildProcess>(argv, env);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      if (live(port_)) return;
      if (!child_->running()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (child_->running()) break;                                   // running but not answering: give up below
    if (child_->err().find("address") == std::string::npos) break;  // failed for another reason
  }
  throw std::runtime_error("authly serve did not come up; stderr:\n" + child_->err() + "\nstdout:\n" + child_->out());
}

}  // namespace authly::test
