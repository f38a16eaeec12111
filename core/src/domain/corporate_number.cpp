#include "itaku/domain/corporate_number.hpp"

namespace itaku {

std::optional<int> corporate_number_check_digit(std::string_view base12) noexcept {
  if (base12.size() != 12) return std::nullopt;
  int sum = 0;
  // P_n is the n-th digit counted from the right; weight Q_n is 1 for odd n, 2 for even n.
  for (int n = 1; n <= 12; ++n) {
    const char c = base12[12 - static_cast<size_t>(n)];
    if (c < '0' || c > '9') return std::nullopt;
    sum += (c - '0') * (n % 2 == 1 ? 1 : 2);
  }
  return 9 - sum % 9;
}

bool is_valid_corporate_number(std::string_view number) noexcept {
  if (number.size() != 13 || number[0] < '0' || number[0] > '9') return false;
  const auto check = corporate_number_check_digit(number.substr(1));
  return check && *check == number[0] - '0';
}

}  // namespace itaku
