// Checks that input text is UTF-8 and, when it is not, explains what it probably is and how to
// fix it. Japanese office software still saves CSV as Shift_JIS (CP932) by default; reading such
// a file as UTF-8 would give mojibake, so the readers refuse it with a message the user can act on.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace itaku::detail {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Byte offset of the first byte that does not belong to a well-formed UTF-8 sequence
// (overlong forms, surrogates and code points above U+10FFFF are ill-formed), or npos when
// `text` is entirely well-formed.
std::size_t find_invalid_utf8(std::string_view text) noexcept;

inline bool is_valid_utf8(std::string_view text) noexcept {
  return find_invalid_utf8(text) == std::string_view::npos;
}

// True when `text` decodes as Shift_JIS / CP932 (single bytes, half-width katakana and valid
// lead/trail byte pairs) and contains at least one non-ASCII character.
bool looks_like_shift_jis(std::string_view text) noexcept;

// `text` without a leading UTF-8 byte-order mark.
inline std::string_view strip_utf8_bom(std::string_view text) noexcept {
  if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) text.remove_prefix(kUtf8Bom.size());
  return text;
}

// The 1-based character (code point) column of the byte at 0-based `byte_offset` in UTF-8
// `text`; an offset at or past the end counts one column per missing byte.
std::size_t utf8_column(std::string_view text, std::size_t byte_offset) noexcept;

// Bilingual (Japanese first) explanation that the input is not UTF-8. `sample` is the offending
// text (a line, a CSV cell) used to guess the encoding; `where_ja` / `where_en` say where it was
// found ("3 行目" / "line 3"). The message is valid UTF-8: it never quotes the raw bytes.
std::string not_utf8_message(std::string_view sample, std::string_view where_ja, std::string_view where_en);

}  // namespace itaku::detail
