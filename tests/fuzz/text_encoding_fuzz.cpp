// Text-encoding detection (core/src/io/text_encoding.cpp). find_invalid_utf8 is checked against
// nlohmann's own UTF-8 validation, and the "not UTF-8" message must itself be UTF-8.
#include <string>

#include "fuzz_support.hpp"
#include "io/text_encoding.hpp"

namespace {

// nlohmann refuses to serialise a string that is not well-formed UTF-8: an independent judge.
bool nlohmann_accepts(std::string_view text) {
  try {
    (void)nlohmann::json(std::string(text)).dump();
    return true;
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace itaku::detail;
  const std::string_view text = itaku::fuzz::as_text(data, size);
  const std::size_t bad = find_invalid_utf8(text);
  itaku::fuzz::require(bad == std::string_view::npos || bad < text.size(), "invalid byte offset past the end");
  itaku::fuzz::require((bad == std::string_view::npos) == nlohmann_accepts(text),
                       "find_invalid_utf8 and nlohmann disagree on UTF-8");
  if (bad != std::string_view::npos) {
    itaku::fuzz::require(is_valid_utf8(text.substr(0, bad)), "the text before the first invalid byte is not UTF-8");
    itaku::fuzz::require_utf8(not_utf8_message(text, "1 行目", "line 1"), "not_utf8_message is not UTF-8");
  }
  (void)looks_like_shift_jis(text);
  const std::string_view stripped = strip_utf8_bom(text);
  itaku::fuzz::require(stripped.size() + 3 == text.size() || stripped.size() == text.size(), "strip_utf8_bom");
  const std::size_t column = utf8_column(text, size / 2);
  itaku::fuzz::require(column >= 1 && column <= size / 2 + 1, "utf8_column out of range");
  itaku::fuzz::require(utf8_column(text, size + 5) == utf8_column(text, size) + 5,
                       "utf8_column past the end does not count one per byte");
  return 0;
}
