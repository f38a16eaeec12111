#include <catch2/catch.hpp>

#include <limits>

#include "itaku/domain/date.hpp"

using itaku::Date;

TEST_CASE("Date::parse accepts only real calendar dates in YYYY-MM-DD", "[domain][date]") {
  CHECK(Date::parse("2025-06-01") == Date::from_ymd(2025, 6, 1));
  CHECK(Date::parse("2024-02-29").has_value());   // leap year
  CHECK_FALSE(Date::parse("2023-02-29"));         // not a leap year
  CHECK_FALSE(Date::parse("1900-02-29"));         // century, not leap
  CHECK(Date::parse("2000-02-29").has_value());   // 400-year rule
  CHECK_FALSE(Date::parse("2025-02-30"));
  CHECK_FALSE(Date::parse("2025-04-31"));
  CHECK_FALSE(Date::parse("2025-13-01"));
  CHECK_FALSE(Date::parse("2025-00-10"));
  CHECK_FALSE(Date::parse("2025-01-00"));
  CHECK_FALSE(Date::parse("2025-6-01"));
  CHECK_FALSE(Date::parse("2025/06/01"));
  CHECK_FALSE(Date::parse("2025-06-01T00:00"));
  CHECK_FALSE(Date::parse(""));
  CHECK_FALSE(Date::parse("２０２５-06-01"));
}

TEST_CASE("Date::add_months clamps to the end of the target month", "[domain][date]") {
  CHECK(Date::from_ymd(2024, 8, 31).add_months(6) == Date::from_ymd(2025, 2, 28));
  CHECK(Date::from_ymd(2023, 8, 31).add_months(6) == Date::from_ymd(2024, 2, 29));  // into a leap February
  CHECK(Date::from_ymd(2024, 2, 29).add_months(12) == Date::from_ymd(2025, 2, 28));  // leap day + 1 year
  CHECK(Date::from_ymd(2024, 2, 29).add_months(48) == Date::from_ymd(2028, 2, 29));
  CHECK(Date::from_ymd(2025, 1, 31).add_months(1) == Date::from_ymd(2025, 2, 28));
  CHECK(Date::from_ymd(2025, 3, 31).add_months(1) == Date::from_ymd(2025, 4, 30));
  CHECK(Date::from_ymd(2025, 11, 15).add_months(2) == Date::from_ymd(2026, 1, 15));  // year boundary
  CHECK(Date::from_ymd(2025, 12, 31).add_months(24) == Date::from_ymd(2027, 12, 31));
  CHECK(Date::from_ymd(2025, 1, 15).add_months(0) == Date::from_ymd(2025, 1, 15));
}

TEST_CASE("Date::add_days and epoch conversion round-trip across months and leap days", "[domain][date]") {
  CHECK(Date::from_ymd(2025, 6, 1).add_days(30) == Date::from_ymd(2025, 7, 1));
  CHECK(Date::from_ymd(2024, 2, 28).add_days(1) == Date::from_ymd(2024, 2, 29));
  CHECK(Date::from_ymd(2025, 2, 28).add_days(1) == Date::from_ymd(2025, 3, 1));
  CHECK(Date::from_ymd(2025, 12, 31).add_days(1) == Date::from_ymd(2026, 1, 1));
  CHECK(Date::from_ymd(1970, 1, 1).days_since_epoch() == 0);
  CHECK(Date::from_ymd(2000, 3, 1).days_since_epoch() == 11017);
  for (long day = -1000; day < 40000; day += 37) {
    CHECK(Date::from_days_since_epoch(day).days_since_epoch() == day);
  }
}

TEST_CASE("Date orders chronologically and prints ISO form", "[domain][date]") {
  CHECK(Date::from_ymd(2025, 1, 31) < Date::from_ymd(2025, 2, 1));
  CHECK(Date::from_ymd(2024, 12, 31) < Date::from_ymd(2025, 1, 1));
  CHECK(Date::from_ymd(2025, 3, 7).to_string() == "2025-03-07");
  CHECK_THROWS(Date::from_ymd(2025, 2, 29));
}

TEST_CASE("Date arithmetic saturates at the ends of the calendar instead of leaving it", "[domain][date]") {
  CHECK(Date::from_ymd(9999, 12, 1).add_months(60) == Date::from_ymd(9999, 12, 31));
  CHECK(Date::from_ymd(9999, 12, 1).add_days(100) == Date::from_ymd(9999, 12, 31));
  CHECK(Date::from_ymd(1, 1, 1).add_days(-1) == Date::from_ymd(1, 1, 1));
  CHECK(Date::from_ymd(1, 1, 1).days_since_epoch() == -719162);
  CHECK(Date::from_ymd(9999, 12, 31).days_since_epoch() == 2932896);
  CHECK(Date::from_ymd(9999, 12, 1).add_months(60).to_string() == "9999-12-31");
}

TEST_CASE("Date::add_days saturates for counts at the limits of long, without overflowing", "[domain][date]") {
  constexpr long kMost = std::numeric_limits<long>::max();
  constexpr long kLeast = std::numeric_limits<long>::min();
  CHECK(Date::from_ymd(1, 1, 1).add_days(kLeast) == Date::from_ymd(1, 1, 1));
  CHECK(Date::from_ymd(2026, 4, 1).add_days(kLeast) == Date::from_ymd(1, 1, 1));
  CHECK(Date::from_ymd(2026, 4, 1).add_days(kMost) == Date::from_ymd(9999, 12, 31));
  CHECK(Date::from_ymd(9999, 12, 31).add_days(kMost) == Date::from_ymd(9999, 12, 31));
  CHECK(Date::from_ymd(2026, 4, 1).add_months(std::numeric_limits<int>::max()) == Date::from_ymd(9999, 12, 31));
  CHECK(Date::from_ymd(2026, 4, 1).add_months(std::numeric_limits<int>::min()) == Date::from_ymd(1, 1, 1));
}
