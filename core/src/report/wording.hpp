// A finding's words with its dates taken out. Many findings differ only by a date ("期限
// （2024-04-01）を過ぎています"); a report explains such a finding once, with a placeholder
// where the date goes, and gives each engagement just its dates.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace itaku::detail {

// Stands where a date was in Wording::pattern; a control character, which split_dates turns
// into U+FFFD where the message itself has one (as the reports print it anyway).
inline constexpr char kDateMark = '\x1f';

struct Wording {
  std::string pattern;                  // the message with each YYYY-MM-DD replaced by kDateMark
  std::vector<std::string_view> dates;  // the dates taken out, in order (views into the message)
};

Wording split_dates(std::string_view message);

// Calls `text` for each piece of `pattern` between date marks and `date` for each mark.
template <typename Text, typename DateMark>
void for_each_piece(std::string_view pattern, Text&& text, DateMark&& date) {
  std::size_t start = 0;
  for (std::size_t mark = pattern.find(kDateMark); mark != std::string_view::npos;
       mark = pattern.find(kDateMark, start)) {
    text(pattern.substr(start, mark - start));
    date();
    start = mark + 1;
  }
  text(pattern.substr(start));
}

}  // namespace itaku::detail
