#include "itaku/domain/platform.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace itaku {
namespace {

// Full-width ASCII (U+FF01..U+FF5E) to ASCII, ASCII letters lower-cased, spaces (ASCII and U+3000)
// dropped, and an aside in () or （） removed: "Ｘ（旧ツイッター）" becomes "x".
std::string folded(std::string_view text) {
  std::string out;
  int aside = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::string piece;
    if (c == 0xEF && i + 2 < text.size()) {
      const auto b1 = static_cast<unsigned char>(text[i + 1]);
      const auto b2 = static_cast<unsigned char>(text[i + 2]);
      const unsigned code = ((c & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
      if (code >= 0xFF01 && code <= 0xFF5E) {
        piece = std::string(1, static_cast<char>(code - 0xFF01 + 0x21));
        i += 2;
      }
    } else if (c == 0xE3 && i + 2 < text.size() && text.substr(i, 3) == "\xE3\x80\x80") {
      i += 2;
      continue;  // ideographic space
    }
    if (piece.empty()) {
      const std::size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      piece = std::string(text.substr(i, length));
      i += length - 1;
    }
    if (piece == "(") {
      ++aside;
      continue;
    }
    if (piece == ")") {
      if (aside > 0) --aside;
      continue;
    }
    if (aside > 0 || piece == " " || piece == "\t") continue;
    if (piece.size() == 1 && piece[0] >= 'A' && piece[0] <= 'Z') piece[0] = static_cast<char>(piece[0] - 'A' + 'a');
    out += piece;
  }
  return out;
}

// Names beyond the platform words themselves, folded.
constexpr std::array<std::pair<std::string_view, std::string_view>, 19> kAliases{{
    {"twitter", "x"},
    {"ツイッター", "x"},
    {"エックス", "x"},
    {"fb", "facebook"},
    {"フェイスブック", "facebook"},
    {"インスタグラム", "instagram"},
    {"インスタ", "instagram"},
    {"line公式アカウント", "line"},
    {"lineofficialaccount", "line"},
    {"ライン", "line"},
    {"ユーチューブ", "youtube"},
    {"youtubeチャンネル", "youtube"},
    {"ティックトック", "tiktok"},
    {"スレッズ", "threads"},
    {"ブルースカイ", "bluesky"},
    {"bsky", "bluesky"},
    {"ノート", "note"},
    {"その他", "other"},
    {"xcom", "x"},
}};

}  // namespace

const std::vector<std::string>& platform_words() {
  static const std::vector<std::string> words{"x",      "facebook", "instagram", "line",  "youtube",
                                              "tiktok", "threads",  "bluesky",   "note", "other"};
  return words;
}

std::optional<std::string> platform_word(std::string_view printed) {
  std::string name = folded(printed);
  name.erase(std::remove(name.begin(), name.end(), '.'), name.end());
  const auto& words = platform_words();
  if (std::find(words.begin(), words.end(), name) != words.end()) return name;
  for (const auto& [alias, word] : kAliases) {
    if (name == alias) return std::string(word);
  }
  return std::nullopt;
}

}  // namespace itaku
