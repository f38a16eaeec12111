// The order people expect for references: digit runs compare as numbers, so CFA-2 comes
// before CFA-10 and R7-9 before R7-10 (a text sort puts CFA-10 first).
#pragma once

#include <string_view>

namespace itaku::detail {

// Negative, zero or positive like std::string_view::compare. Digit runs compare by value, then
// (equal values such as 007 and 7) by length; ASCII letters regardless of case (r-8 between R-7
// and R-9), then upper case first; everything else byte by byte. Two different strings never
// compare equal, so the order is total.
int natural_compare(std::string_view a, std::string_view b) noexcept;

struct NaturalLess {
  using is_transparent = void;  // lets a map keyed by std::string be searched with a string_view
  bool operator()(std::string_view a, std::string_view b) const noexcept { return natural_compare(a, b) < 0; }
};

}  // namespace itaku::detail
