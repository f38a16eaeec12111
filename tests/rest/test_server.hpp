// A real itaku-serve process on a free loopback port, for the REST tests: started with the
// database it is given, ready once it answers, stopped with SIGTERM as an operator would.
#pragma once

#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "cli/run_itaku.hpp"
#include "rest/http_client.hpp"

namespace itaku::test {

// A port nothing listens on right now (the kernel's choice for a socket bound to port 0).
inline int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

class TestServer {
 public:
  // With port 0, a free port is picked; another process may take it before the server binds it,
  // and then the server is started again on another one.
  explicit TestServer(const std::string& db, int port = 0, std::vector<std::string> extra = {}) : log_("serve") {
    for (int attempt = 0; attempt < 5; ++attempt) {
      port_ = port == 0 ? free_port() : port;
      start(db, extra);
      if (wait_until_ready() || port != 0 || log().find("cannot listen") == std::string::npos) return;
    }
  }
  ~TestServer() { stop(); }
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  bool ready() const { return ready_; }
  int port() const { return port_; }
  std::string log() const { return read_file(log_ / "stderr"); }

  // SIGTERM, then the exit code (128 + signal when killed; -1 if it had to be killed after 30 s).
  int stop() {
    if (pid_ <= 0) return exit_code_;
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!exited() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
      pid_ = -1;
      exit_code_ = -1;
    }
    return exit_code_;
  }

  // Whether the process has ended (and then its exit code is known).
  bool exited() {
    if (pid_ <= 0) return true;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) != pid_) return false;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    pid_ = -1;
    return true;
  }
  int exit_code() const { return exit_code_; }

 private:
  void start(const std::string& db, const std::vector<std::string>& extra) {
    std::vector<std::string> args = {ITAKU_SERVE_EXECUTABLE, "--listen", "http://127.0.0.1:" + std::to_string(port_),
                                     "--db", db};
    args.insert(args.end(), extra.begin(), extra.end());
    pid_ = ::fork();
    if (pid_ == 0) {
      // A test program that dies (a sanitizer report, a crash) takes its server with it; else the
      // server would hold CTest's output pipe open and the test would hang until its timeout.
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      const std::string err = (log_ / "stderr").string();
      FILE* redirected = std::freopen(err.c_str(), "w", stderr);
      (void)redirected;
      std::vector<char*> argv;
      for (auto& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      std::_Exit(127);
    }
  }

  // Ready once this process says it listens (written after it bound the port: an answer on the
  // port before that could come from another process) and answers.
  bool wait_until_ready() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline) {
      if (exited()) return false;
      if (log().find("listening on") != std::string::npos && http(port_, "GET", "/api/v1/openapi.json").status == 200) {
        ready_ = true;
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

  int port_ = 0;
  ScratchDir log_;
  pid_t pid_ = -1;
  bool ready_ = false;
  int exit_code_ = -1;
};

}  // namespace itaku::test
