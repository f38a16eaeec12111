// Values as offices write them (core/src/io/office_values.cpp): every reader takes any cell text
// and answers with a value in the form the schemas want, or a bilingual UTF-8 message.
#include <string>

#include "fuzz_support.hpp"
#include "io/office_values.hpp"
#include "io/text_encoding.hpp"

namespace {

template <typename T>
void check(const itaku::Result<T>& result, std::string_view what) {
  if (result) return;
  const std::string& message = result.status().message();
  itaku::fuzz::require_utf8(message, what);
  itaku::fuzz::require(message.find(" / ") != std::string::npos, "message without its two languages", message);
}

bool iso_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace itaku::detail;
  const std::string_view cell = itaku::fuzz::as_text(data, size);
  const auto date = read_office_date(cell);
  check(date, "read_office_date");
  if (date) itaku::fuzz::require(iso_date(*date), "a date not in YYYY-MM-DD", *date);
  check(read_office_boolean(cell), "read_office_boolean");
  check(read_office_integer(cell), "read_office_integer");
  check(read_office_number(cell), "read_office_number");
  const auto digits = read_office_digits(cell, 13);
  check(digits, "read_office_digits");
  if (digits) {
    itaku::fuzz::require(digits->size() == 13 && digits->find_first_not_of("0123456789") == std::string::npos,
                         "digits that are not 13 digits", *digits);
  }
  if (is_valid_utf8(cell)) {
    itaku::fuzz::require(is_valid_utf8(to_half_width(cell)), "to_half_width broke UTF-8");
    itaku::fuzz::require(is_valid_utf8(read_office_text(cell)), "read_office_text broke UTF-8");
  }
  return 0;
}
