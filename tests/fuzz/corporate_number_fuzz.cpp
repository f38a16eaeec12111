// 法人番号 (core/src/domain/corporate_number.cpp): the check digit agrees with the validity test.
#include "fuzz_support.hpp"
#include "itaku/domain/corporate_number.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = itaku::fuzz::as_text(data, size);
  const bool valid = itaku::is_valid_corporate_number(text);
  if (size == 13) {
    const auto check = itaku::corporate_number_check_digit(text.substr(1));
    itaku::fuzz::require(valid == (check && *check == text[0] - '0'), "validity and check digit disagree");
    if (check) {
      itaku::fuzz::require(*check >= 1 && *check <= 9, "check digit out of 1..9");
      const std::string fixed = std::to_string(*check) + std::string(text.substr(1));
      itaku::fuzz::require(itaku::is_valid_corporate_number(fixed), "a number with its own check digit is invalid");
    }
  } else {
    itaku::fuzz::require(!valid, "a corporate number that is not 13 bytes long was accepted");
  }
  return 0;
}
