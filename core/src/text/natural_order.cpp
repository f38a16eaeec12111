#include "text/natural_order.hpp"

#include <cstddef>

namespace itaku::detail {

namespace {

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr unsigned char folded(char c) noexcept {
  return static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

std::size_t digit_run_end(std::string_view text, std::size_t from) noexcept {
  while (from < text.size() && is_digit(text[from])) ++from;
  return from;
}

std::size_t skip_zeros(std::string_view text, std::size_t from, std::size_t end) noexcept {
  while (from + 1 < end && text[from] == '0') ++from;
  return from;
}

}  // namespace

int natural_compare(std::string_view a, std::string_view b) noexcept {
  std::size_t i = 0;
  std::size_t j = 0;
  // Decide only between strings that are otherwise equal: equal values written with different
  // zeros, then letters in different case.
  int padding_difference = 0;
  int case_difference = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      const std::size_t a_end = digit_run_end(a, i);
      const std::size_t b_end = digit_run_end(b, j);
      const std::size_t a_start = skip_zeros(a, i, a_end);
      const std::size_t b_start = skip_zeros(b, j, b_end);
      const std::size_t a_digits = a_end - a_start;
      const std::size_t b_digits = b_end - b_start;
      if (a_digits != b_digits) return a_digits < b_digits ? -1 : 1;
      if (const int by_value = a.substr(a_start, a_digits).compare(b.substr(b_start, b_digits)); by_value != 0) {
        return by_value;
      }
      if (padding_difference == 0 && a_end - i != b_end - j) padding_difference = (a_end - i) < (b_end - j) ? -1 : 1;
      i = a_end;
      j = b_end;
      continue;
    }
    if (folded(a[i]) != folded(b[j])) return folded(a[i]) < folded(b[j]) ? -1 : 1;
    if (case_difference == 0 && a[i] != b[j]) {
      case_difference = static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]) ? -1 : 1;
    }
    ++i;
    ++j;
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  return padding_difference != 0 ? padding_difference : case_difference;
}

}  // namespace itaku::detail
