#include "child_process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

extern char** environ;

namespace itaku::bench {
namespace {

double seconds_of(const timeval& time) {
  return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) / 1e6;
}

}  // namespace

// The launcher is this program re-executed: a fresh process whose own memory is a few pages, so
// that the measured program's peak RSS is its own (Linux folds the RSS high-water mark of the
// address space a process leaves at exec into its maxrss, and a child forked or vforked from
// the benchmark would carry the benchmark's).
Measurement run_child(const std::vector<std::string>& args, const ChildOutput& output) {
  static const std::string self = std::filesystem::canonical("/proc/self/exe").string();
  char result_path[] = "/tmp/registry-bench-measure-XXXXXX";
  const int result_descriptor = ::mkstemp(result_path);
  if (result_descriptor < 0) {
    std::cerr << "registry_bench: cannot create a temporary file\n";
    std::exit(3);
  }
  ::close(result_descriptor);
  std::vector<std::string> launcher = {self, kMeasureFlag, result_path, output.stdout_path, output.stderr_path, "--"};
  launcher.insert(launcher.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (const auto& arg : launcher) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, self.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
    std::cerr << "registry_bench: cannot start " << self << "\n";
    std::exit(3);
  }
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::cerr << "registry_bench: the launcher for " << args[0] << " failed\n";
    std::exit(3);
  }
  Measurement measurement;
  std::ifstream in(result_path);
  in >> measurement.seconds >> measurement.cpu_seconds >> measurement.peak_rss_kib >> measurement.exit_code;
  std::remove(result_path);
  if (!in) {
    std::cerr << "registry_bench: no measurement of " << args[0] << "\n";
    std::exit(3);
  }
  return measurement;
}

int measure_main(const std::vector<std::string>& args) {
  // args: RESULT STDOUT STDERR -- PROGRAM ARGS...
  if (args.size() < 5 || args[3] != "--") return 2;
  auto redirect = [](int target, const std::string& path, int flags) {
    const int descriptor = ::open(path.c_str(), flags, 0644);
    if (descriptor < 0 || ::dup2(descriptor, target) < 0) return false;
    ::close(descriptor);
    return true;
  };
  if (!redirect(STDIN_FILENO, "/dev/null", O_RDONLY) ||
      !redirect(STDOUT_FILENO, args[1], O_WRONLY | O_CREAT | O_TRUNC) ||
      !redirect(STDERR_FILENO, args[2], O_WRONLY | O_CREAT | O_TRUNC)) {
    return 3;
  }
  std::vector<char*> argv;
  for (std::size_t i = 4; i < args.size(); ++i) argv.push_back(const_cast<char*>(args[i].c_str()));
  argv.push_back(nullptr);
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) return 3;
  if (pid == 0) {
    ::execvp(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  rusage usage{};
  if (::wait4(pid, &status, 0, &usage) != pid) return 3;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const int exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::ofstream out(args[0]);
  out.precision(9);
  out << seconds << ' ' << seconds_of(usage.ru_utime) + seconds_of(usage.ru_stime) << ' ' << usage.ru_maxrss << ' '
      << exit_code << '\n';
  return out ? 0 : 3;
}

Measurement best_of(int repeat, const std::vector<std::string>& args, const ChildOutput& output) {
  Measurement best;
  for (int run = 0; run < repeat; ++run) {
    const Measurement measurement = run_child(args, output);
    if (measurement.exit_code != 0) return measurement;
    if (run == 0 || measurement.seconds < best.seconds) best = measurement;
  }
  return best;
}

std::string output_of(const std::vector<std::string>& args) {
  char path[] = "/tmp/registry-bench-output-XXXXXX";
  const int descriptor = ::mkstemp(path);
  if (descriptor < 0) {
    std::cerr << "registry_bench: cannot create a temporary file\n";
    std::exit(3);
  }
  ::close(descriptor);
  const Measurement measurement = run_child(args, {path, "/dev/null"});
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::remove(path);
  if (measurement.exit_code != 0) {
    std::cerr << "registry_bench: " << args[0] << " failed with exit code " << measurement.exit_code << "\n";
    std::exit(3);
  }
  return text;
}

}  // namespace itaku::bench
