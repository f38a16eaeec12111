#include "io/json_parse_error.hpp"

#include <algorithm>
#include <cstddef>

#include "io/text_encoding.hpp"
#include "text/utf8.hpp"

namespace itaku::detail {
namespace {

// nlohmann's what() is "[json.exception.parse_error.101] parse error at line 1, column 15:
// syntax error while parsing value - unexpected '}'; expected ...": keep the part a user needs.
std::string_view error_detail_text(std::string_view what) {
  if (const auto dash = what.find(" - "); dash != std::string_view::npos) return what.substr(dash + 3);
  if (const auto colon = what.find(": "); colon != std::string_view::npos) return what.substr(colon + 2);
  return what;
}

// The "last read: '...'" part quotes raw input bytes and stops at the byte that failed, which
// may be the first byte of a multi-byte character (`{"a": 値}` quotes '"a": \xE5'): the partial
// character becomes U+FFFD, so that the message stays UTF-8 (found by fuzzing).
std::string error_detail(const nlohmann::json::parse_error& error) {
  std::string detail;
  append_with_ascii_handler(detail, error_detail_text(error.what()), [](std::string& out, char c) { out += c; });
  return detail;
}

// nlohmann reports the 1-based byte index of the last character it read.
std::size_t error_offset(const nlohmann::json::parse_error& error) {
  return error.byte == 0 ? 0 : error.byte - 1;
}

}  // namespace

std::string describe_json_line_error(const nlohmann::json::parse_error& error, std::string_view line,
                                     std::size_t line_number) {
  if (!is_valid_utf8(line)) {
    return not_utf8_message(line, std::to_string(line_number) + " 行目", "line " + std::to_string(line_number));
  }
  const std::string column = std::to_string(utf8_column(line, error_offset(error)));
  return "JSON として読めません（" + column + " 文字目） / invalid JSON at column " + column + ": " +
         error_detail(error);
}

std::string describe_json_document_error(const nlohmann::json::parse_error& error,
                                         std::string_view document) {
  if (!is_valid_utf8(document)) return not_utf8_message(document, "JSON ファイル", "JSON document");
  const std::size_t offset = std::min(error_offset(error), document.size());
  const std::size_t line_start = [&] {
    const auto newline = document.rfind('\n', offset == 0 ? 0 : offset - 1);
    return newline == std::string_view::npos || offset == 0 ? 0 : newline + 1;
  }();
  const auto line_number = static_cast<std::size_t>(
      std::count(document.begin(), document.begin() + static_cast<std::ptrdiff_t>(line_start), '\n') + 1);
  const std::string_view line = document.substr(line_start);
  const std::string column = std::to_string(utf8_column(line, error_offset(error) - line_start));
  const std::string line_text = std::to_string(line_number);
  return "JSON として読めません（" + line_text + " 行 " + column + " 文字目） / invalid JSON at line " +
         line_text + ", column " + column + ": " + error_detail(error);
}

}  // namespace itaku::detail
