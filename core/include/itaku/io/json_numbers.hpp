// Numbers too large for any JSON value Itaku keeps (nlohmann refuses them with out_of_range.406:
// "number overflow") are bad input at a place in the document, not an internal error. This
// finds that place, so the message can name it as a JSON Pointer.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace itaku {

struct OverflowingNumber {
  std::string pointer;  // RFC 6901, e.g. "/vendor/capital" or "/2/information/confidentiality"
  std::string text;     // the number as written, shortened to 40 characters
};

// The first number in `text` that does not fit a double, or nullopt when there is none (or when
// the text fails to parse for another reason first). Linear in the text; no recursion.
std::optional<OverflowingNumber> find_overflowing_number(std::string_view text);

// "数値が大きすぎます（/vendor/capital: 1e999） / number out of range at /vendor/capital: '1e999'
// does not fit a 64-bit floating-point number".
std::string overflowing_number_message(const OverflowingNumber& number);

}  // namespace itaku
