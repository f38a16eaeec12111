// The social-media platforms a channel can be on, and the names people print for them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace itaku {

// The values of social_media.platform, in the order the schema lists them.
const std::vector<std::string>& platform_words();

// The platform word for a name as people write it, or nullopt when it names none. Case and
// width do not matter, nor a parenthesised aside: "X", "X(旧Twitter)", "Ｘ（旧ツイッター）", "Twitter",
// "ツイッター" are x; "LINE公式アカウント" is line; "Facebook", "フェイスブック" facebook; and so on
// (docs/records.md lists them). No name maps to two platforms.
std::optional<std::string> platform_word(std::string_view printed);

}  // namespace itaku
