// Runs a program as a child process and measures it the way a user would see it: wall time from
// spawn to exit, plus the child's own CPU time and peak resident memory (wait4's rusage), so that
// the benchmark's own memory never counts.
#pragma once

#include <string>
#include <vector>

namespace itaku::bench {

struct Measurement {
  double seconds = 0;      // wall clock, spawn to exit
  double cpu_seconds = 0;  // user + system time of the child alone
  long peak_rss_kib = 0;
  int exit_code = -1;  // 128 + signal when killed
};

struct ChildOutput {
  std::string stdout_path = "/dev/null";
  std::string stderr_path = "/dev/null";
};

// Looks args[0] up in PATH when it has no '/'. Exits the benchmark when it cannot measure; a
// program that cannot be executed shows as exit code 127.
Measurement run_child(const std::vector<std::string>& args, const ChildOutput& output = {});

// The fastest of `repeat` runs (the one least disturbed by the machine); stops at the first
// failing run and returns it, so that a failure is never hidden by a later success.
Measurement best_of(int repeat, const std::vector<std::string>& args, const ChildOutput& output = {});

// The hidden mode of the benchmark binary that run_child re-executes it in: `kMeasureFlag RESULT
// STDOUT STDERR -- PROGRAM ARGS...` runs the program and writes "seconds cpu_seconds
// peak_rss_kib exit_code" to RESULT. Returns the launcher's own exit code.
inline constexpr const char* kMeasureFlag = "--measure-child";
int measure_main(const std::vector<std::string>& args);

// Runs the program and returns what it wrote to stdout; exits the benchmark if it fails.
std::string output_of(const std::vector<std::string>& args);

}  // namespace itaku::bench
