#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "itaku/domain/corporate_number.hpp"
#include "test_paths.hpp"

TEST_CASE("法人番号 check digit follows the National Tax Agency formula", "[domain][corporate_number]") {
  CHECK(itaku::is_valid_corporate_number("7000012050002"));  // the NTA's published example
  CHECK(itaku::corporate_number_check_digit("000012050002") == 7);
  CHECK(itaku::is_valid_corporate_number("4011001098993"));  // docs/review.md worked example
  CHECK_FALSE(itaku::is_valid_corporate_number("8000012050002"));  // wrong check digit
  CHECK_FALSE(itaku::is_valid_corporate_number("700001205000"));   // 12 digits
  CHECK_FALSE(itaku::is_valid_corporate_number("70000120500021"));  // 14 digits
  CHECK_FALSE(itaku::is_valid_corporate_number("70000120500O2"));  // letter O
  CHECK_FALSE(itaku::corporate_number_check_digit("12345"));
}

TEST_CASE("every local public body's 法人番号 in the gBizINFO list passes the check", "[domain][corporate_number][realdata]") {
  std::ifstream file(itaku::test::realdata_file("gbizinfo_localgovs.csv"));
  REQUIRE(file);
  std::string line;
  std::getline(file, line);  // header
  size_t checked = 0;
  while (std::getline(file, line)) {
    const std::string number = line.substr(0, line.find(','));
    INFO(line);
    CHECK(itaku::is_valid_corporate_number(number));
    // Any single-digit change of the check digit must be caught.
    std::string altered = number;
    altered[0] = altered[0] == '9' ? '1' : static_cast<char>(altered[0] + 1);
    CHECK_FALSE(itaku::is_valid_corporate_number(altered));
    ++checked;
  }
  CHECK(checked > 1000);
}
