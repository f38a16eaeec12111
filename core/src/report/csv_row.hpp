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

// A cell starting with = + - or @ is run as a formula by Excel (CSV injection); a leading
// apostrophe makes it text. A lone "-" or "@" is harmless and common ("-" is stdin).
inline bool looks_like_formula(std::string_view text) noexcept {
  if (text.empty()) return false;
  const char first = text.front();
  if (first == '\t' || first == '\r') return true;
  return text.size() > 1 && (first == '=' || first == '+' || first == '-' || first == '@');
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
