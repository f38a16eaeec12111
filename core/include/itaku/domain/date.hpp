// A calendar date without time zone: what every Itaku rule compares. Only real dates exist
// (2025-02-30 cannot be constructed); arithmetic follows docs/review.md section 1.
// Header-only because plugins use it and plugins link nothing but the header-only API.
#pragma once

#include <compare>
#include <cstdio>
#include <ctime>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace itaku {

constexpr bool is_leap_year(int year) noexcept {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

constexpr int days_in_month(int year, int month) noexcept {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

class Date {
 public:
  // 1970-01-01; exists so that Date can live in containers and structs.
  constexpr Date() = default;

  static constexpr bool is_valid(int year, int month, int day) noexcept {
    return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
           day <= days_in_month(year, month);
  }

  // Strict "YYYY-MM-DD" naming a real calendar day (leap years honoured); nullopt otherwise.
  static constexpr std::optional<Date> parse(std::string_view text) noexcept {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int fields[3] = {0, 0, 0};
    constexpr int kStart[] = {0, 5, 8};
    constexpr int kLength[] = {4, 2, 2};
    for (int f = 0; f < 3; ++f) {
      for (int i = 0; i < kLength[f]; ++i) {
        const char c = text[static_cast<size_t>(kStart[f] + i)];
        if (c < '0' || c > '9') return std::nullopt;
        fields[f] = fields[f] * 10 + (c - '0');
      }
    }
    if (!is_valid(fields[0], fields[1], fields[2])) return std::nullopt;
    return Date(fields[0], fields[1], fields[2]);
  }

  // Throws std::invalid_argument when the triple is not a real date.
  static constexpr Date from_ymd(int year, int month, int day) {
    if (!is_valid(year, month, day)) throw std::invalid_argument("not a calendar date");
    return Date(year, month, day);
  }

  // Today in the local time zone: a review date is an office-hours notion.
  static Date today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return Date(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
  }

  constexpr int year() const noexcept { return year_; }
  constexpr int month() const noexcept { return month_; }
  constexpr int day() const noexcept { return day_; }

  // Calendar months; a day past the end of the target month clamps to its last day
  // (2024-08-31 + 6 months = 2025-02-28).
  // Saturates at 0001-01-01 and 9999-12-31, so that every Date stays a real, printable date.
  constexpr Date add_months(int months) const noexcept {
    const long index = static_cast<long>(year_) * 12 + (month_ - 1) + months;
    if (index < 12) return Date(1, 1, 1);
    if (index > 9999L * 12 + 11) return Date(9999, 12, 31);
    const int year = static_cast<int>(index / 12);
    const int month = static_cast<int>(index % 12) + 1;
    const int last = days_in_month(year, month);
    return Date(year, month, day_ < last ? day_ : last);
  }

  // Saturates like add_months, for any count: the bounds are compared before adding, since
  // start + days would overflow for counts near the limits of long (found by fuzzing).
  constexpr Date add_days(long days) const noexcept {
    constexpr long kFirst = -719162;  // 0001-01-01
    constexpr long kLast = 2932896;   // 9999-12-31
    const long start = days_since_epoch();
    if (days > kLast - start) return from_days_since_epoch(kLast);
    if (days < kFirst - start) return from_days_since_epoch(kFirst);
    return from_days_since_epoch(start + days);
  }

  // Days since 1970-01-01 (H. Hinnant's days_from_civil).
  constexpr long days_since_epoch() const noexcept {
    const long y = year_ - (month_ <= 2 ? 1 : 0);
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long mp = (month_ + 9) % 12;
    const long doy = (153 * mp + 2) / 5 + day_ - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }

  static constexpr Date from_days_since_epoch(long days) noexcept {
    const long z = days + 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
    return Date(year, month, day);
  }

  std::string to_string() const {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year_, month_, day_);
    return buffer;
  }

  friend constexpr auto operator<=>(const Date&, const Date&) = default;
  friend constexpr bool operator==(const Date&, const Date&) = default;

 private:
  constexpr Date(int y, int m, int d) : year_(y), month_(m), day_(d) {}
  int year_ = 1970;
  int month_ = 1;
  int day_ = 1;
};

}  // namespace itaku
