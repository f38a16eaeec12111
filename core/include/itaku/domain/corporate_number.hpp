// 法人番号 (Japanese corporate number): 13 digits whose first digit checks the other 12.
#pragma once

#include <optional>
#include <string_view>

namespace itaku {

// The check digit for a 12-digit base (digits only); nullopt if the base is not 12 ASCII digits.
std::optional<int> corporate_number_check_digit(std::string_view base12) noexcept;

// True when `number` is 13 ASCII digits and its first digit is the check digit of the rest.
// A valid check digit does not prove that the corporation exists.
bool is_valid_corporate_number(std::string_view number) noexcept;

}  // namespace itaku
