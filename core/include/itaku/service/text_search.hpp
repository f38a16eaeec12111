// What a list's search text finds (REST: `q` of GET /engagements, /channels and /vendors): one
// piece of text looked for as a substring of the names people know a thing by. Letters compare
// without case for ASCII, and the forms a Japanese keyboard or a ledger mixes in are read as one
// (search_folded): 「ｋｄｄｉ」 finds ＫＤＤＩ株式会社, 「ｼｽﾃﾑ」 finds システム. Japanese text is
// otherwise matched as written (no kana/kanji or hiragana/katakana equivalence).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "itaku/domain/engagement.hpp"
#include "itaku/error.hpp"

namespace itaku {

class TextSearch {
 public:
  // Longest text accepted, in Unicode characters (not bytes).
  static constexpr std::size_t kMostCharacters = 200;

  // Matches everything: no search.
  TextSearch() = default;
  // The search for `text` with surrounding spaces (ASCII and U+3000) removed; blank text is no
  // search. kInvalidArgument with path `name` for text longer than kMostCharacters or not UTF-8;
  // the message names the parameter and the length, never the text (it may be a megabyte).
  static Result<TextSearch> parse(std::string_view text, const std::string& name);

  bool empty() const noexcept { return needle_.empty(); }
  // The ref, title, department, vendor's name and 法人番号, responsible person's name and, for a
  // social-media channel (kind social_media), its account and url.
  bool matches(const Engagement& engagement) const;
  // The vendor's name and 法人番号.
  bool matches(const Vendor& vendor) const;
  bool matches(std::string_view text) const;

 private:
  std::string needle_;  // folded (search_folded)
};

// `text` as a search compares it: ASCII letters in lower case; full-width ASCII (ＡＢＣ１２３＠)
// as ASCII; the ideographic space U+3000 as a space; half-width katakana as full-width, a
// following half-width (han)dakuten joined to its letter (ｶﾞ → ガ, ﾊﾟ → パ). Bytes that are not
// UTF-8 are kept as they are.
std::string search_folded(std::string_view text);

}  // namespace itaku
