#include "xlsx/xlsx_cells.hpp"

#include <algorithm>
#include <cstdint>

#include "text/utf8.hpp"

namespace itaku::detail {
namespace {

// The code point of the well-formed `length`-byte sequence at text[at].
char32_t code_point(std::string_view text, std::size_t at, std::size_t length) noexcept {
  const auto byte = [&](std::size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(text[at + i])); };
  switch (length) {
    case 2: return ((byte(0) & 0x1F) << 6) | (byte(1) & 0x3F);
    case 3: return ((byte(0) & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
    case 4: return ((byte(0) & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) | (byte(3) & 0x3F);
    default: return byte(0);
  }
}

// Calls visit(code point, bytes) for each character; a byte that starts no well-formed
// sequence is one character U+FFFD.
template <typename Visit>
void for_each_character(std::string_view text, Visit visit) {
  std::size_t at = 0;
  while (at < text.size()) {
    if (static_cast<unsigned char>(text[at]) < 0x80) {
      visit(static_cast<char32_t>(text[at]), text.substr(at, 1));
      ++at;
      continue;
    }
    const std::size_t length = utf8_sequence_length(text, at);
    if (length == 0) {
      visit(U'\uFFFD', std::string_view());
      ++at;
    } else {
      visit(code_point(text, at, length), text.substr(at, length));
      at += length;
    }
  }
}

bool is_hex(char c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// "_x" four hex digits "_" at the start of `text`: what Office Open XML readers decode.
bool looks_like_escape(std::string_view text) noexcept {
  return text.size() >= 7 && text[0] == '_' && text[1] == 'x' && is_hex(text[2]) && is_hex(text[3]) &&
         is_hex(text[4]) && is_hex(text[5]) && text[6] == '_';
}

}  // namespace

std::size_t utf16_length(std::string_view text) noexcept {
  std::size_t units = 0;
  for_each_character(text, [&](char32_t c, std::string_view) { units += c > 0xFFFF ? 2 : 1; });
  return units;
}

bool escape_cell_text(std::string_view text, std::string& escaped) {
  escaped.clear();
  escaped.reserve(text.size());
  bool exact = true;
  std::size_t at = 0;
  for_each_character(text, [&](char32_t c, std::string_view bytes) {
    if (bytes.empty() || c == U'\uFFFE' || c == U'\uFFFF') {
      escaped += kReplacementCharacter;
      exact = false;
    } else if (c == U'\0') {
      // libxlsxwriter takes C strings and would end the text here; a reader decodes this.
      escaped += "_x0000_";
    } else {
      if (c == U'_' && looks_like_escape(text.substr(at))) escaped += "_x005F";
      escaped += bytes;
    }
    at += bytes.empty() ? 1 : bytes.size();
  });
  return exact;
}

bool fits_in_cell(std::string_view escaped) noexcept {
  // The escaped text is never shorter than the text, nor its characters more than its UTF-16
  // units: within the limit, both Excel's and libxlsxwriter's count are.
  return utf16_length(escaped) <= kMaxCellChars;
}

void cut_to_cell(std::string& escaped) {
  // Counted in UTF-16 units, which are never fewer than characters: both limits hold.
  if (utf16_length(escaped) <= kMaxCellChars) return;
  constexpr std::string_view kEllipsis = "\u2026";
  std::size_t units = 0;
  std::size_t end = 0;
  bool full = false;
  for_each_character(escaped, [&](char32_t c, std::string_view bytes) {
    const std::size_t width = c > 0xFFFF ? 2 : 1;
    if (full || units + width > kMaxCellChars - 1) {
      full = true;
      return;
    }
    units += width;
    end += bytes.size();
  });
  escaped.resize(end);
  escaped += kEllipsis;
}

std::optional<lxw_datetime> excel_date(Date date) noexcept {
  if (date < Date::from_ymd(1900, 3, 1)) return std::nullopt;
  return lxw_datetime{date.year(), date.month(), date.day(), 0, 0, 0.0};
}

std::size_t display_width(std::string_view text) noexcept {
  std::size_t widest = 0;
  std::size_t line = 0;
  for_each_character(text, [&](char32_t c, std::string_view) {
    if (c == U'\n') {
      line = 0;
      return;
    }
    // Hangul, CJK, kana and the full-width forms take two columns; a rough rule is enough here.
    line += c >= 0x1100 ? 2 : 1;
    widest = std::max(widest, line);
  });
  return widest;
}

}  // namespace itaku::detail
