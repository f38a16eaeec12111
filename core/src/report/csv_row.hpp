// One CSV row as Excel reads it (RFC 4180 quoting, CRLF), with formula-looking cells made text:
// the review report's and the work list's CSV write their rows with it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "report/json_text.hpp"
#include "text/utf8.hpp"

namespace itaku::detail {

// Without it Excel reads a CSV file as Shift_JIS.
inline constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

// A cell starting with = + - or @ is run as a formula by Excel (CSV injection), also after
// spaces or line breaks and in full width (＝ ＋ － ＠, which Excel's Japanese input reads alike);
// a leading apostrophe makes it text. A lone "-" or "@" is harmless and common ("-" is stdin).
inline bool looks_like_formula(std::string_view text) noexcept {
  if (text.empty()) return false;
  if (text.front() == '\t' || text.front() == '\r') return true;
  std::size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t')) ++i;
  const std::string_view rest = text.substr(i);
  if (rest.empty()) return false;
  for (std::string_view wide : {"\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D", "\xEF\xBC\xA0"}) {  // ＝ ＋ － ＠
    if (rest.substr(0, 3) == wide) return true;
  }
  const char first = rest.front();
  const bool sign = first == '=' || first == '+' || first == '-' || first == '@';
  return sign && (rest.size() > 1 || i > 0);
}

class CsvRow {
 public:
  explicit CsvRow(std::string& out) : out_(out) {}

  CsvRow& cell(std::string_view text) {
    if (!first_) out_ += ',';
    first_ = false;
    const bool needs_quotes = text.find_first_of(",\"\r\n") != std::string_view::npos;
    if (needs_quotes) out_ += '"';
    if (looks_like_formula(text)) out_ += '\'';
    append_with_ascii_handler(out_, text, [](std::string& out, char c) {
      if (c == '"') out += '"';
      out += c;
    });
    if (needs_quotes) out_ += '"';
    return *this;
  }

  // A code of digits such as a 法人番号: Excel would read 4010001012551 as the number
  // 4.01E+12 and drop leading zeros, so an all-digit value is written as the text formula
  // ="4010001012551", which Excel shows as the digits. Anything else is an ordinary cell.
  CsvRow& digits_as_text(std::string_view code) {
    const bool all_digits =
        !code.empty() && code.find_first_not_of("0123456789") == std::string_view::npos;
    if (!all_digits) return cell(code);
    if (!first_) out_ += ',';
    first_ = false;
    out_ += "\"=\"\"";
    out_ += code;
    out_ += "\"\"\"";
    return *this;
  }

  CsvRow& number(std::size_t value) {
    if (!first_) out_ += ',';
    first_ = false;
    append_number(out_, value);
    return *this;
  }

  // A signed number is a number, not a formula: "-60" stays -60.
  CsvRow& integer(long value) {
    if (!first_) out_ += ',';
    first_ = false;
    out_ += std::to_string(value);
    return *this;
  }

  CsvRow& empty(std::size_t count = 1) {
    for (std::size_t i = 0; i < count; ++i) cell({});
    return *this;
  }

  void end() { out_ += "\r\n"; }

 private:
  std::string& out_;
  bool first_ = true;
};

}  // namespace itaku::detail
