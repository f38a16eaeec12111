// Low-level JSON text output: the report writers append JSON directly to a string buffer
// instead of building nlohmann values, which keeps a result at a few microseconds.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "itaku/domain/date.hpp"

namespace itaku::detail {

// Appends `text` as a quoted JSON string. Quotes, backslashes and control characters are
// escaped; valid UTF-8 passes through unchanged; each byte that is not part of a valid UTF-8
// sequence becomes U+FFFD, so the output is always valid JSON whatever the input bytes.
void append_json_string(std::string& out, std::string_view text);

// Appends the decimal digits of `value`.
void append_number(std::string& out, std::size_t value);
void append_number(std::string& out, int value);

// Appends YYYY-MM-DD without quotes.
void append_date(std::string& out, Date date);

// Appends "YYYY-MM-DD" with quotes.
inline void append_json_date(std::string& out, Date date) {
  out += '"';
  append_date(out, date);
  out += '"';
}

}  // namespace itaku::detail
