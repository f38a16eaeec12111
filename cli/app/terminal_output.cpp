#include "app/terminal_output.hpp"

#include <unistd.h>

#include <iostream>
#include <string>

namespace itaku::cli {

namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

class ControlFilterBuffer final : public std::streambuf {
 public:
  explicit ControlFilterBuffer(std::streambuf* target) : target_(target) {}

 protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    const char byte = traits_type::to_char_type(c);
    return xsputn(&byte, 1) == 1 ? c : traits_type::eof();
  }

  std::streamsize xsputn(const char* data, std::streamsize count) override {
    std::string out;
    out.reserve(static_cast<std::size_t>(count));
    for (std::streamsize i = 0; i < count; ++i) {
      const auto byte = static_cast<unsigned char>(data[i]);
      if (after_c2_) {
        after_c2_ = false;
        if (byte >= 0x80 && byte <= 0x9F) {  // U+0080..U+009F, C1 controls (0x9B acts as ESC [)
          out += kReplacement;
          continue;
        }
        out += '\xC2';
      }
      if (byte == 0xC2) {
        after_c2_ = true;  // decided by the next byte, which may come in the next write
      } else if ((byte < 0x20 && byte != '\t' && byte != '\n') || byte == 0x7F) {
        out += kReplacement;
      } else {
        out += static_cast<char>(byte);
      }
    }
    const auto written = target_->sputn(out.data(), static_cast<std::streamsize>(out.size()));
    return written == static_cast<std::streamsize>(out.size()) ? count : 0;
  }

  int sync() override {
    if (after_c2_) {  // a lone lead byte at the end: write it as it came
      after_c2_ = false;
      target_->sputc('\xC2');
    }
    return target_->pubsync();
  }

 private:
  std::streambuf* target_;
  bool after_c2_ = false;
};

}  // namespace

TerminalFilter::TerminalFilter(std::ostream& target)
    : target_(target), original_(target.rdbuf()), filter_(std::make_unique<ControlFilterBuffer>(original_)) {
  target_.rdbuf(filter_.get());
}

TerminalFilter::~TerminalFilter() {
  target_.flush();
  target_.rdbuf(original_);
}

TerminalGuards filter_terminal_output() {
  TerminalGuards guards;
  if (::isatty(STDOUT_FILENO) == 1) guards.out = std::make_unique<TerminalFilter>(std::cout);
  if (::isatty(STDERR_FILENO) == 1) guards.err = std::make_unique<TerminalFilter>(std::cerr);
  return guards;
}

}  // namespace itaku::cli
