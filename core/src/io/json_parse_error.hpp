// Turns nlohmann's parse errors into messages a person can act on: where (line and character
// column, not byte offset) and what, without the library's exception prefix, and with a clear
// encoding message when the real problem is that the text is not UTF-8.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace itaku::detail {

// For one line of JSON Lines: "JSON として読めません（17 文字目）… / invalid JSON at column 17:
// unexpected '}'; expected …". `line` is the text that was parsed, `line_number` its line in the
// input (named when the problem is the encoding).
std::string describe_json_line_error(const nlohmann::json::parse_error& error, std::string_view line,
                                     std::size_t line_number);

// For a whole JSON document: the same, with the line number counted within `document`.
std::string describe_json_document_error(const nlohmann::json::parse_error& error,
                                         std::string_view document);

}  // namespace itaku::detail
