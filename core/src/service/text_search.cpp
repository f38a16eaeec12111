#include "itaku/service/text_search.hpp"

#include <array>

#include "text/utf8.hpp"

namespace itaku {
namespace {

// Full-width katakana (and punctuation) for the half-width forms U+FF61..U+FF9F, in order.
constexpr std::array<char32_t, 63> kHalfWidthKatakana = {
    U'。', U'「', U'」', U'、', U'・', U'ヲ', U'ァ', U'ィ', U'ゥ', U'ェ', U'ォ', U'ャ', U'ュ', U'ョ', U'ッ', U'ー',
    U'ア', U'イ', U'ウ', U'エ', U'オ', U'カ', U'キ', U'ク', U'ケ', U'コ', U'サ', U'シ', U'ス', U'セ', U'ソ', U'タ',
    U'チ', U'ツ', U'テ', U'ト', U'ナ', U'ニ', U'ヌ', U'ネ', U'ノ', U'ハ', U'ヒ', U'フ', U'ヘ', U'ホ', U'マ', U'ミ',
    U'ム', U'メ', U'モ', U'ヤ', U'ユ', U'ヨ', U'ラ', U'リ', U'ル', U'レ', U'ロ', U'ワ', U'ン', U'゛', U'゜'};
constexpr char32_t kHalfWidthDakuten = 0xFF9E;
constexpr char32_t kHalfWidthHandakuten = 0xFF9F;

// The voiced form of a full-width katakana (ガ for カ, ヴ for ウ), or 0 when it has none.
char32_t with_dakuten(char32_t c) {
  if (c == U'ウ') return U'ヴ';
  // カ..ヂ alternate plain and voiced (カガキギ…チヂ); ツヅ, テデ, トド follow ッ.
  if ((c >= U'カ' && c <= U'チ' && (c - U'カ') % 2 == 0) || c == U'ツ' || c == U'テ' || c == U'ト') return c + 1;
  // ハバパ ヒビピ フブプ ヘベペ ホボポ: three apart.
  if (c >= U'ハ' && c <= U'ホ' && (c - U'ハ') % 3 == 0) return c + 1;
  return 0;
}

// The semi-voiced form (パ for ハ), or 0.
char32_t with_handakuten(char32_t c) {
  if (c >= U'ハ' && c <= U'ホ' && (c - U'ハ') % 3 == 0) return c + 2;
  return 0;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// The code point of the well-formed sequence of `length` bytes at text[at].
char32_t decode(std::string_view text, std::size_t at, std::size_t length) {
  const auto byte = [&](std::size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(text[at + i])); };
  if (length == 1) return byte(0);
  if (length == 2) return ((byte(0) & 0x1F) << 6) | (byte(1) & 0x3F);
  if (length == 3) return ((byte(0) & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
  return ((byte(0) & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) | (byte(3) & 0x3F);
}

}  // namespace

std::string search_folded(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  // The last full-width katakana written and where it starts: a half-width (han)dakuten after it
  // replaces it with its voiced form.
  char32_t last_kana = 0;
  std::size_t last_kana_at = 0;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead < 0x80) {
      out += static_cast<char>(lead >= 'A' && lead <= 'Z' ? lead - 'A' + 'a' : lead);
      ++at;
      last_kana = 0;
      continue;
    }
    const std::size_t length = detail::utf8_sequence_length(text, at);
    if (length == 0) {  // not UTF-8: kept, so that equal bytes still match
      out += static_cast<char>(lead);
      ++at;
      last_kana = 0;
      continue;
    }
    char32_t c = decode(text, at, length);
    at += length;
    if ((c == kHalfWidthDakuten || c == kHalfWidthHandakuten) && last_kana != 0) {
      const char32_t joined = c == kHalfWidthDakuten ? with_dakuten(last_kana) : with_handakuten(last_kana);
      if (joined != 0) {
        out.resize(last_kana_at);
        append_utf8(out, joined);
        last_kana = 0;
        continue;
      }
    }
    last_kana = 0;
    if (c >= 0xFF01 && c <= 0xFF5E) {  // full-width ASCII
      c -= 0xFEE0;
      if (c >= U'A' && c <= U'Z') c += U'a' - U'A';
    } else if (c == 0x3000) {
      c = U' ';
    } else if (c >= 0xFF61 && c <= 0xFF9F) {
      c = kHalfWidthKatakana[c - 0xFF61];
      last_kana = c;
      last_kana_at = out.size();
    } else if (c >= U'ァ' && c <= U'ヶ') {
      last_kana = c;  // a full-width letter followed by a half-width mark joins it too
      last_kana_at = out.size();
    }
    append_utf8(out, c);
  }
  return out;
}

Result<TextSearch> TextSearch::parse(std::string_view text, const std::string& name) {
  std::size_t characters = 0;
  for (std::size_t at = 0; at < text.size(); ++characters) {
    if (static_cast<unsigned char>(text[at]) < 0x80) {
      ++at;
      continue;
    }
    const std::size_t length = detail::utf8_sequence_length(text, at);
    if (length == 0) {
      return Status(ErrorCode::kInvalidArgument,
                    name + " は UTF-8 の文字列にしてください（" + std::to_string(at + 1) +
                        " バイト目が UTF-8 ではありません） / " + name + " must be UTF-8 text (byte " +
                        std::to_string(at + 1) + " is not)",
                    name);
    }
    at += length;
  }
  if (characters > kMostCharacters) {
    return Status(ErrorCode::kInvalidArgument,
                  name + " は " + std::to_string(kMostCharacters) + " 文字までです（" + std::to_string(characters) +
                      " 文字ありました） / " + name + " is at most " + std::to_string(kMostCharacters) +
                      " characters long (got " + std::to_string(characters) + ")",
                  name);
  }
  std::string folded = search_folded(text);
  const std::size_t first = folded.find_first_not_of(" \t\r\n");
  const std::size_t last = folded.find_last_not_of(" \t\r\n");
  TextSearch search;
  if (first != std::string::npos) search.needle_ = folded.substr(first, last - first + 1);
  return search;
}

bool TextSearch::matches(std::string_view text) const {
  if (needle_.empty()) return true;
  if (text.size() < needle_.size()) return false;  // folding never makes a text longer
  return search_folded(text).find(needle_) != std::string::npos;
}

bool TextSearch::matches(const Vendor& vendor) const {
  return needle_.empty() || matches(vendor.name) || (vendor.corporate_number && matches(*vendor.corporate_number));
}

bool TextSearch::matches(const Engagement& engagement) const {
  if (needle_.empty()) return true;
  if (matches(engagement.ref) || matches(engagement.title) || matches(engagement.department)) return true;
  if (engagement.vendor && matches(*engagement.vendor)) return true;
  if (engagement.responsible_person && matches(engagement.responsible_person->name)) return true;
  if (engagement.kind == "social_media" && engagement.section.is_object()) {
    for (const char* field : {"account", "url"}) {
      const auto it = engagement.section.find(field);
      if (it != engagement.section.end() && it->is_string() && matches(it->get_ref<const std::string&>())) return true;
    }
  }
  return false;
}

}  // namespace itaku
