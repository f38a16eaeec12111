// Dates (core/include/itaku/domain/date.hpp): parse accepts exactly the real days written
// YYYY-MM-DD, and month and day arithmetic saturates at 0001-01-01 and 9999-12-31 for any
// count, without overflow.
#include <fuzzer/FuzzedDataProvider.h>

#include "fuzz_support.hpp"
#include "itaku/domain/date.hpp"

namespace {

constexpr long kFirstDay = -719162;  // 0001-01-01
constexpr long kLastDay = 2932896;   // 9999-12-31

void require_real(const itaku::Date& date, const char* what) {
  itaku::fuzz::require(itaku::Date::is_valid(date.year(), date.month(), date.day()), what, date.to_string());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = itaku::fuzz::as_text(data, size);
  if (const auto parsed = itaku::Date::parse(text)) {
    itaku::fuzz::require(parsed->to_string() == text, "a parsed date does not print as its text", text);
    itaku::fuzz::require(itaku::Date::from_days_since_epoch(parsed->days_since_epoch()) == *parsed,
                         "days_since_epoch does not round-trip", text);
  }

  FuzzedDataProvider input(data, size);
  const long day_number = input.ConsumeIntegralInRange<long>(kFirstDay, kLastDay);
  const itaku::Date date = itaku::Date::from_days_since_epoch(day_number);
  require_real(date, "from_days_since_epoch gave no real date");
  itaku::fuzz::require(date.days_since_epoch() == day_number, "from_days_since_epoch does not round-trip");

  const long days = input.ConsumeIntegral<long>();
  const itaku::Date later = date.add_days(days);
  require_real(later, "add_days left the calendar");
  const long expected = days > kLastDay - day_number   ? kLastDay
                        : days < kFirstDay - day_number ? kFirstDay
                                                        : day_number + days;
  itaku::fuzz::require(later.days_since_epoch() == expected, "add_days does not saturate", later.to_string());

  const int months = input.ConsumeIntegral<int>();
  const itaku::Date moved = date.add_months(months);
  require_real(moved, "add_months left the calendar");
  if (months >= 0) itaku::fuzz::require(moved >= date, "adding months went back in time");
  if (months <= 0) itaku::fuzz::require(moved <= date, "subtracting months went forward in time");
  return 0;
}
