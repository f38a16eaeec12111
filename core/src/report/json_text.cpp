#include "report/json_text.hpp"

#include <charconv>

#include "text/utf8.hpp"

namespace itaku::detail {

namespace {

// Bytes below 0x80 that may appear unescaped inside a JSON string.
constexpr bool is_plain_ascii(unsigned char byte) noexcept {
  return byte >= 0x20 && byte < 0x80 && byte != '"' && byte != '\\';
}

void append_ascii_escape(std::string& out, unsigned char byte) {
  switch (byte) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    default: break;
  }
  constexpr char kHex[] = "0123456789abcdef";
  const char escape[] = {'\\', 'u', '0', '0', kHex[byte >> 4], kHex[byte & 0x0F]};
  out.append(escape, sizeof escape);
}

void append_two_digits(std::string& out, int value) {
  out += static_cast<char>('0' + value / 10);
  out += static_cast<char>('0' + value % 10);
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  // Copy runs of bytes that need no change in one append; that is nearly all of the text.
  std::size_t run_start = 0;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto byte = static_cast<unsigned char>(text[at]);
    if (is_plain_ascii(byte)) {
      ++at;
      continue;
    }
    if (byte >= 0x80) {
      if (const std::size_t length = utf8_sequence_length(text, at); length != 0) {
        at += length;
        continue;
      }
    }
    out.append(text.data() + run_start, at - run_start);
    if (byte >= 0x80) {
      out += kReplacementCharacter;
    } else {
      append_ascii_escape(out, byte);
    }
    run_start = ++at;
  }
  out.append(text.data() + run_start, at - run_start);
  out += '"';
}

void append_number(std::string& out, std::size_t value) {
  char digits[24];
  const std::to_chars_result result = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, result.ptr);
}

void append_number(std::string& out, int value) {
  char digits[16];
  const std::to_chars_result result = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, result.ptr);
}

void append_date(std::string& out, Date date) {
  // Dates are years 1-9999 by construction, so four digits always suffice.
  const int year = date.year();
  append_two_digits(out, year / 100);
  append_two_digits(out, year % 100);
  out += '-';
  append_two_digits(out, date.month());
  out += '-';
  append_two_digits(out, date.day());
}

}  // namespace itaku::detail
