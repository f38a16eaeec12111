// Text for a terminal: what a record holds (a vendor name with ESC [ 31 m, a BEL, a carriage
// return that hides the start of a line) must not drive the terminal when `show` or `import`
// prints it. On a terminal, stdout and stderr pass through a filter that shows every control
// character but tab and line feed, and every C1 control (U+0080–U+009F), as U+FFFD. Pipes and
// files get the bytes unchanged: JSON escapes control characters itself, and the reports
// neutralise them.
#pragma once

#include <memory>
#include <ostream>
#include <streambuf>

namespace itaku::cli {

// Wraps `target`'s buffer with the filter; the original comes back when the guard goes.
class TerminalFilter {
 public:
  explicit TerminalFilter(std::ostream& target);
  ~TerminalFilter();
  TerminalFilter(const TerminalFilter&) = delete;
  TerminalFilter& operator=(const TerminalFilter&) = delete;

 private:
  std::ostream& target_;
  std::streambuf* original_;
  std::unique_ptr<std::streambuf> filter_;
};

// Filters std::cout and std::cerr for as long as the returned guards live, each only when its
// file descriptor is a terminal.
struct TerminalGuards {
  std::unique_ptr<TerminalFilter> out;
  std::unique_ptr<TerminalFilter> err;
};
TerminalGuards filter_terminal_output();

}  // namespace itaku::cli
