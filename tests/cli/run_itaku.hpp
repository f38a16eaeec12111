// Runs the real `itaku` binary the way a user's shell would, capturing exit code and output.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace itaku::test {

struct ProcessResult {
  int exit_code = -1;
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

// `args` are passed to itaku verbatim; `stdin_text` is fed on standard input. `env` is a
// prefix of VAR=value assignments for the shell.
inline ProcessResult run_itaku(const std::vector<std::string>& args, const std::string& stdin_text = "",
                               const std::string& env = "") {
  ScratchDir io("io");
  write_file(io / "stdin", stdin_text);
  std::string command = env + " " + shell_quote(ITAKU_EXECUTABLE);
  for (const auto& arg : args) command += " " + shell_quote(arg);
  command += " <" + shell_quote((io / "stdin").string()) + " >" + shell_quote((io / "stdout").string()) + " 2>" +
             shell_quote((io / "stderr").string());
  const int status = std::system(command.c_str());
  ProcessResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_file(io / "stdout");
  result.err = read_file(io / "stderr");
  return result;
}

}  // namespace itaku::test
