#include "report/wording.hpp"

namespace itaku::detail {

namespace {

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// "2024-04-01" at `at`, not part of a longer run of digits.
bool date_at(std::string_view text, std::size_t at) {
  constexpr std::string_view kShape = "dddd-dd-dd";
  if (at + kShape.size() > text.size()) return false;
  if (at > 0 && is_digit(text[at - 1])) return false;
  if (at + kShape.size() < text.size() && is_digit(text[at + kShape.size()])) return false;
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    const char c = text[at + i];
    if (kShape[i] == 'd' ? !is_digit(c) : c != '-') return false;
  }
  return true;
}

}  // namespace

Wording split_dates(std::string_view message) {
  constexpr std::size_t kDateLength = 10;
  Wording wording;
  wording.pattern.reserve(message.size());
  std::size_t i = 0;
  while (i < message.size()) {
    if (is_digit(message[i]) && date_at(message, i)) {
      wording.pattern += kDateMark;
      wording.dates.push_back(message.substr(i, kDateLength));
      i += kDateLength;
    } else if (message[i] == kDateMark) {
      // The message's own control character (a name quoted from a record): it must not read
      // as a date taken out, nor make two different wordings one.
      wording.pattern += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    } else {
      wording.pattern += message[i++];
    }
  }
  return wording;
}

}  // namespace itaku::detail
