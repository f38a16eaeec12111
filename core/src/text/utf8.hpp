// UTF-8 well-formedness (Unicode 15, table 3-7): reports carry text from input files, and a
// stray byte from a Shift_JIS file must not make a JSON report unparseable.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace itaku::detail {

inline constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

// Length (2-4) of the well-formed multi-byte sequence at text[at], or 0 when the bytes there
// are not one. Precondition: text[at] >= 0x80.
inline std::size_t utf8_sequence_length(std::string_view text, std::size_t at) noexcept {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
  const std::size_t remaining = text.size() - at;
  const unsigned char lead = byte(0);
  const auto continuation = [&](std::size_t i) { return (byte(i) & 0xC0) == 0x80; };
  if (lead >= 0xC2 && lead <= 0xDF) {
    return remaining >= 2 && continuation(1) ? 2 : 0;
  }
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (remaining < 3) return 0;
    const unsigned char second = byte(1);
    // E0 needs A0..BF (no overlong forms); ED needs 80..9F (no surrogates).
    const unsigned char low = lead == 0xE0 ? 0xA0 : 0x80;
    const unsigned char high = lead == 0xED ? 0x9F : 0xBF;
    return second >= low && second <= high && continuation(2) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (remaining < 4) return 0;
    const unsigned char second = byte(1);
    // F0 needs 90..BF (no overlong forms); F4 needs 80..8F (nothing above U+10FFFF).
    const unsigned char low = lead == 0xF0 ? 0x90 : 0x80;
    const unsigned char high = lead == 0xF4 ? 0x8F : 0xBF;
    return second >= low && second <= high && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

}  // namespace itaku::detail

namespace itaku::detail {

// Appends `text` to `out`, passing each ASCII byte to `on_ascii(out, byte)` (which appends it,
// escaped as the format needs), copying well-formed multi-byte sequences unchanged and
// writing U+FFFD for every byte that is not part of one.
template <typename AsciiHandler>
void append_with_ascii_handler(std::string& out, std::string_view text, AsciiHandler on_ascii) {
  std::size_t at = 0;
  while (at < text.size()) {
    const auto byte = static_cast<unsigned char>(text[at]);
    if (byte < 0x80) {
      on_ascii(out, static_cast<char>(byte));
      ++at;
    } else if (const std::size_t length = utf8_sequence_length(text, at); length != 0) {
      out.append(text.data() + at, length);
      at += length;
    } else {
      out += kReplacementCharacter;
      ++at;
    }
  }
}

}  // namespace itaku::detail
