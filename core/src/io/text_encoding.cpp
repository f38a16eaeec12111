#include "io/text_encoding.hpp"

#include "text/utf8.hpp"

#include <cstdio>

namespace itaku::detail {
namespace {

bool is_continuation(unsigned char byte) noexcept { return (byte & 0xC0) == 0x80; }

// Length of the well-formed UTF-8 sequence starting at text[at] (1 for ASCII), 0 when ill-formed.
std::size_t sequence_length(std::string_view text, std::size_t at) noexcept {
  return static_cast<unsigned char>(text[at]) < 0x80 ? 1 : utf8_sequence_length(text, at);
}

bool starts_with_utf16_bom(std::string_view text) noexcept {
  return text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF";
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view text) noexcept {
  std::size_t at = 0;
  while (at < text.size()) {
    // Most record text is ASCII: skip it without the sequence decoder.
    if (static_cast<unsigned char>(text[at]) < 0x80) {
      ++at;
      continue;
    }
    const std::size_t length = sequence_length(text, at);
    if (length == 0) return at;
    at += length;
  }
  return std::string_view::npos;
}

bool looks_like_shift_jis(std::string_view text) noexcept {
  bool saw_non_ascii = false;
  for (std::size_t at = 0; at < text.size(); ++at) {
    const auto byte = static_cast<unsigned char>(text[at]);
    if (byte < 0x80) continue;
    saw_non_ascii = true;
    if (byte >= 0xA1 && byte <= 0xDF) continue;  // half-width katakana
    const bool lead = (byte >= 0x81 && byte <= 0x9F) || (byte >= 0xE0 && byte <= 0xFC);
    if (!lead || at + 1 >= text.size()) return false;
    const auto trail = static_cast<unsigned char>(text[at + 1]);
    if (trail < 0x40 || trail == 0x7F || trail > 0xFC) return false;
    ++at;
  }
  return saw_non_ascii;
}

std::size_t utf8_column(std::string_view text, std::size_t byte_offset) noexcept {
  std::size_t column = 1;
  const std::size_t end = byte_offset < text.size() ? byte_offset : text.size();
  for (std::size_t at = 0; at < end; ++at) {
    if (!is_continuation(static_cast<unsigned char>(text[at]))) ++column;
  }
  return column + (byte_offset - end);
}

std::string not_utf8_message(std::string_view sample, std::string_view where_ja, std::string_view where_en) {
  const std::size_t bad = find_invalid_utf8(sample);
  char byte_note[48] = "";
  if (bad != std::string_view::npos) {
    std::snprintf(byte_note, sizeof byte_note, ", first invalid byte 0x%02X",
                  static_cast<unsigned>(static_cast<unsigned char>(sample[bad])));
  }
  const std::string ja(where_ja);
  const std::string en = std::string(where_en) + byte_note;
  if (starts_with_utf16_bom(sample)) {
    return "ファイルが UTF-8 ではなく UTF-16 です（" + ja +
           "）。「CSV UTF-8 (コンマ区切り)」または UTF-8 のテキストとして保存し直してください。 / "
           "The file is not UTF-8 but UTF-16 (" + en +
           "): save it again as \"CSV UTF-8 (Comma delimited)\" or as UTF-8 text.";
  }
  if (looks_like_shift_jis(sample)) {
    return "ファイルが UTF-8 ではありません。Shift_JIS（CP932）で保存されていると思われます（" + ja +
           "）。Excel では「名前を付けて保存」で「CSV UTF-8 (コンマ区切り)」を選んで保存し直してください"
           "（または iconv -f CP932 -t UTF-8 で変換）。 / "
           "The file is not UTF-8; it is probably Shift_JIS (CP932) (" + en +
           "). In Excel use Save As \"CSV UTF-8 (Comma delimited)\" (or convert it with "
           "iconv -f CP932 -t UTF-8).";
  }
  return "ファイルが UTF-8 ではありません（" + ja +
         "）。UTF-8 で保存し直してください。 / The file is not valid UTF-8 (" + en +
         "): save it again as UTF-8 (in Excel: \"CSV UTF-8 (Comma delimited)\").";
}

}  // namespace itaku::detail
