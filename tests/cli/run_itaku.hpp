// Runs the real `itaku` binary the way a user's shell would, capturing exit code and output.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace itaku::test {

struct ProcessResult {
  int exit_code = -1;  // 128 + the signal when a signal ended it, as a shell reports it
  int signal = 0;      // the signal that ended the process itself, 0 when it exited
  std::string out;
  std::string err;
};

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

inline std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// A scratch directory per test case, removed afterwards.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& tag) {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("itaku-cli-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// The itaku executable with `args`, each quoted for the shell.
inline std::string itaku_command_line(const std::vector<std::string>& args) {
  std::string command = shell_quote(ITAKU_EXECUTABLE);
  for (const auto& arg : args) command += " " + shell_quote(arg);
  return command;
}

// Runs a whole shell command line (the caller quotes), feeding `stdin_text` and capturing output.
inline ProcessResult run_command_line(const std::string& command_line, const std::string& stdin_text = "") {
  ScratchDir io("io");
  write_file(io / "stdin", stdin_text);
  const std::string command = command_line + " <" + shell_quote((io / "stdin").string()) + " >" +
                              shell_quote((io / "stdout").string()) + " 2>" + shell_quote((io / "stderr").string());
  const int status = std::system(command.c_str());
  ProcessResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  result.out = read_file(io / "stdout");
  result.err = read_file(io / "stderr");
  return result;
}

// `args` are passed to itaku verbatim; `stdin_text` is fed on standard input. `env` is a
// prefix of VAR=value assignments for the shell.
inline ProcessResult run_itaku(const std::vector<std::string>& args, const std::string& stdin_text = "",
                               const std::string& env = "") {
  return run_command_line(env + " " + itaku_command_line(args), stdin_text);
}

// Polls `condition` every 10 ms until it holds or `timeout` passes; tells whether it held.
inline bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

// A process started in the background (itaku by default), so that a test can run others beside
// it or kill it mid-way. Standard input is /dev/null; output goes to files read by wait(). A
// process still running when the object goes away is killed, so no test leaves one behind.
class BackgroundProcess {
 public:
  // Runs `program` (a path, not looked up in PATH) with `args`.
  BackgroundProcess(const std::string& program, const std::vector<std::string>& args) : io_("bg") {
    std::vector<std::string> argv_text = {program};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : argv_text) argv.push_back(arg.data());
    argv.push_back(nullptr);
    // Everything the child needs is prepared before fork: after it, only async-signal-safe calls.
    const std::string out_path = (io_ / "stdout").string();
    const std::string err_path = (io_ / "stderr").string();
    pid_ = ::fork();
    if (pid_ == 0) {
      const int in = ::open("/dev/null", O_RDONLY);
      const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (in < 0 || out < 0 || err < 0 || ::dup2(in, 0) < 0 || ::dup2(out, 1) < 0 || ::dup2(err, 2) < 0) ::_exit(126);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
  }
  explicit BackgroundProcess(const std::vector<std::string>& itaku_args)
      : BackgroundProcess(ITAKU_EXECUTABLE, itaku_args) {}
  ~BackgroundProcess() {
    if (pid_ > 0 && !finished_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  bool started() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }

  // Whether it is still running (reaps it when it has ended, so call wait() for the result).
  bool running() {
    if (finished_ || pid_ <= 0) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      finished_ = true;
      status_ = status;
    }
    return !finished_;
  }

  void send_signal(int signal) {
    if (pid_ > 0 && !finished_) ::kill(pid_, signal);
  }

  // Waits for the end and returns exit code (or signal) and output.
  ProcessResult wait() {
    if (pid_ > 0 && !finished_) {
      while (::waitpid(pid_, &status_, 0) < 0 && errno == EINTR) {
      }
      finished_ = true;
    }
    ProcessResult result;
    if (WIFSIGNALED(status_)) {
      result.signal = WTERMSIG(status_);
      result.exit_code = 128 + result.signal;
    } else if (WIFEXITED(status_)) {
      result.exit_code = WEXITSTATUS(status_);
    }
    result.out = read_file(io_ / "stdout");
    result.err = read_file(io_ / "stderr");
    return result;
  }

 private:
  ScratchDir io_;
  pid_t pid_ = -1;
  bool finished_ = false;
  int status_ = 0;
};

}  // namespace itaku::test
