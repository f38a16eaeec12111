#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <utility>

#include "io/office_values.hpp"
#include "io/text_encoding.hpp"

using itaku::ErrorCode;
using itaku::Status;
using namespace itaku::detail;

namespace {

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

// Japanese prose has kana (U+3041-U+309F: E3 81 81 to E3 82 9F in UTF-8); English has none.
bool has_hiragana(std::string_view text) {
  for (std::size_t at = 0; at + 2 < text.size(); ++at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    const auto second = static_cast<unsigned char>(text[at + 1]);
    if (lead == 0xE3 && (second == 0x81 || second == 0x82)) return true;
  }
  return false;
}

// The halves other code gets when it splits a message at its first " / ".
std::pair<std::string, std::string> halves(const Status& status) {
  const std::string& message = status.message();
  const auto split = message.find(" / ");
  REQUIRE(split != std::string::npos);
  return {message.substr(0, split), message.substr(split + 3)};
}

// A kInvalidArgument with Japanese, then " / ", then English, valid UTF-8, quoting `value` in both halves.
void check_bilingual(const Status& status, std::string_view value) {
  INFO(status.message());
  CHECK(status.code() == ErrorCode::kInvalidArgument);
  CHECK(is_valid_utf8(status.message()));
  const auto [ja, en] = halves(status);
  std::string ja_own = ja;  // what the Japanese half says besides the value
  if (const auto at = ja_own.find(value); at != std::string::npos) ja_own.erase(at, value.size());
  CHECK(has_hiragana(ja_own));
  CHECK(!en.empty());
  CHECK(static_cast<unsigned char>(en.front()) < 0x80);  // the English half starts in English
  CHECK(contains(ja, value));
  CHECK(contains(en, value));
}

template <typename T>
Status error_of(const itaku::Result<T>& result) {
  REQUIRE_FALSE(result.is_ok());
  return result.status();
}

std::string date_of(std::string_view cell) {
  const auto result = read_office_date(cell);
  INFO(std::string(cell) + " -> " + result.status().message());
  REQUIRE(result.is_ok());
  return result.value();
}

Status date_error(std::string_view cell) {
  INFO(cell);
  return error_of(read_office_date(cell));
}

std::string ja_half(const Status& status) { return halves(status).first; }

}  // namespace

// ---------------------------------------------------------------------------------------------
// Text helpers

TEST_CASE("to_half_width maps full-width ASCII, the ideographic space and dash look-alikes", "[office]") {
  CHECK(to_half_width("ＡＢＣｘｙｚ０１２３４５６７８９！～") == "ABCxyz0123456789!~");
  CHECK(to_half_width("令和５年\u3000４月") == "令和5年 4月");
  CHECK(to_half_width("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFF0D") == "--------");
  CHECK(to_half_width("データー") == "データー");  // U+30FC is a long vowel, not a dash
  CHECK(to_half_width("契約台帳 abc") == "契約台帳 abc");
  CHECK(to_half_width("a\xFF\xEF\xBC") == "a\xFF\xEF\xBC");  // not UTF-8: left alone
  CHECK(to_half_width("") == "");
}

TEST_CASE("trim_office_blanks trims ASCII blanks and U+3000 at both ends only", "[office]") {
  CHECK(trim_office_blanks("\u3000 契約\u3000台帳 \t\u3000") == "契約\u3000台帳");
  CHECK(trim_office_blanks("\r\n42\n") == "42");
  CHECK(trim_office_blanks("\u3000\u3000 ").empty());
  CHECK(trim_office_blanks("").empty());
}

TEST_CASE("read_office_text trims and turns CRLF and CR into LF, keeping full-width text", "[office]") {
  CHECK(read_office_text("\u3000 ＩＴ基盤の保守\r\n２行目\r３行目\n４行目 ") ==
        "ＩＴ基盤の保守\n２行目\n３行目\n４行目");
  CHECK(read_office_text("a\r\r\nb") == "a\n\nb");
  CHECK(read_office_text("  ").empty());
}

// ---------------------------------------------------------------------------------------------
// Dates

TEST_CASE("read_office_date reads the Gregorian forms", "[office]") {
  for (const char* cell : {"20230401", "2023/4/1", "2023/04/01", "2023-04-01", "2023-4-1", "2023.4.1", "2023年4月1日",
                           "2023年04月01日", "2023年 4月 1日", " 2023/4/1 ", "\u30002023/4/1\u3000"}) {
    CHECK(date_of(cell) == "2023-04-01");
  }
}

TEST_CASE("read_office_date reads Japanese-era dates, by name, letter and one-character form", "[office]") {
  CHECK(date_of("令和5年4月1日") == "2023-04-01");
  CHECK(date_of("令和 5年 4月 1日") == "2023-04-01");
  CHECK(date_of("令和元年5月1日") == "2019-05-01");
  CHECK(date_of("平成31年4月30日") == "2019-04-30");
  CHECK(date_of("R5.4.1") == "2023-04-01");
  CHECK(date_of("R05.04.01") == "2023-04-01");
  CHECK(date_of("R5/4/1") == "2023-04-01");
  CHECK(date_of("r5-4-1") == "2023-04-01");
  CHECK(date_of("H31.4.30") == "2019-04-30");
  CHECK(date_of("h1.1.8") == "1989-01-08");
  CHECK(date_of("昭和64年1月7日") == "1989-01-07");
  CHECK(date_of("S64.1.7") == "1989-01-07");
  CHECK(date_of("昭和元年12月25日") == "1926-12-25");
  CHECK(date_of("大正15年12月24日") == "1926-12-24");
  CHECK(date_of("T1.7.30") == "1912-07-30");
  CHECK(date_of("明治45年7月29日") == "1912-07-29");
  CHECK(date_of("M1.1.1") == "1868-01-01");
  CHECK(date_of("㋿5年4月1日") == "2023-04-01");
  CHECK(date_of("㍻31年4月30日") == "2019-04-30");
}

TEST_CASE("read_office_date reads full-width digits and separators", "[office]") {
  CHECK(date_of("２０２３／４／１") == "2023-04-01");
  CHECK(date_of("２０２３０４０１") == "2023-04-01");
  CHECK(date_of("令和５年４月１日") == "2023-04-01");
  CHECK(date_of("令和５年\u3000４月\u3000１日") == "2023-04-01");
  CHECK(date_of("Ｒ５．４．１") == "2023-04-01");
  CHECK(date_of("２０２３－０４－０１") == "2023-04-01");
}

TEST_CASE("read_office_date takes the date of an Excel date-time export with a zero time", "[office]") {
  for (const char* cell : {"2023/4/1 0:00", "2023/04/01 0:00:00", "2023-04-01 00:00:00", "2023-04-01T00:00:00",
                           "2023-04-01 00:00:00.000", "令和5年4月1日 0:00", "２０２３／４／１　０：００"}) {
    CHECK(date_of(cell) == "2023-04-01");
  }
}

TEST_CASE("read_office_date refuses a time other than midnight: the field holds a date only", "[office]") {
  for (const char* cell : {"2023/4/1 9:30", "2023-04-01T00:00:01", "2023-04-01 00:00:00.5"}) {
    const Status status = date_error(cell);
    check_bilingual(status, cell);
    CHECK(contains(ja_half(status), "日付のみ"));
    CHECK(contains(status.message(), "date only"));
  }
  CHECK(contains(date_error("2023/4/1 9:30").message(), "9:30"));
  check_bilingual(date_error("2023/4/1 25:00"), "2023/4/1 25:00");  // not a time at all
}

TEST_CASE("read_office_date accepts a weekday that matches the date", "[office]") {
  CHECK(date_of("2023/4/1(土)") == "2023-04-01");
  CHECK(date_of("令和5年4月1日（土）") == "2023-04-01");
  CHECK(date_of("2023/4/1 (土曜日)") == "2023-04-01");
  const Status status = date_error("2023/4/1(日)");
  check_bilingual(status, "2023/4/1(日)");
  CHECK(contains(ja_half(status), "土曜日"));
  CHECK(contains(status.message(), "Saturday"));
}

TEST_CASE("read_office_date checks leap days", "[office]") {
  CHECK(date_of("2024/2/29") == "2024-02-29");
  CHECK(date_of("R6.2.29") == "2024-02-29");
  CHECK(date_of("2000/2/29") == "2000-02-29");
  for (const char* cell : {"2023/2/29", "1900/2/29", "R5.2.29"}) {
    const Status status = date_error(cell);
    check_bilingual(status, cell);
    CHECK(contains(ja_half(status), "28 日まで"));
  }
}

TEST_CASE("read_office_date refuses days that do not exist", "[office]") {
  const Status status = date_error("2023/2/30");
  check_bilingual(status, "2023/2/30");
  CHECK(contains(ja_half(status), "ありません"));
  CHECK(contains(ja_half(status), "2023年2月は 28 日まで"));
  check_bilingual(date_error("2023/4/31"), "2023/4/31");
  check_bilingual(date_error("2023/13/1"), "2023/13/1");
  check_bilingual(date_error("2023/0/1"), "2023/0/1");
  check_bilingual(date_error("2023/4/0"), "2023/4/0");
  check_bilingual(date_error("20231301"), "20231301");
  CHECK(contains(ja_half(date_error("2023/13/1")), "1 から 12"));
}

TEST_CASE("read_office_date checks era boundaries and gives the right spelling", "[office]") {
  CHECK(date_of("平成31年4月30日") == "2019-04-30");
  CHECK(date_of("令和元年5月1日") == "2019-05-01");
  CHECK(date_of("令和1年5月1日") == "2019-05-01");

  const Status heisei = date_error("平成31年5月1日");
  check_bilingual(heisei, "平成31年5月1日");
  CHECK(contains(ja_half(heisei), "1989-01-08 から 2019-04-30 まで"));
  CHECK(contains(ja_half(heisei), "令和元年5月1日のことでしたら"));
  CHECK(contains(heisei.message(), "2019-05-01"));

  const Status reiwa = date_error("令和1年4月30日");
  check_bilingual(reiwa, "令和1年4月30日");
  CHECK(contains(ja_half(reiwa), "令和は 2019-05-01 から"));
  CHECK(contains(ja_half(reiwa), "平成31年4月30日のことでしたら"));

  const Status letter = date_error("H31.5.1");
  check_bilingual(letter, "H31.5.1");
  CHECK(contains(ja_half(letter), "令和元年5月1日"));

  check_bilingual(date_error("昭和64年1月8日"), "昭和64年1月8日");
  CHECK(contains(ja_half(date_error("昭和64年1月8日")), "平成元年1月8日"));
  check_bilingual(date_error("平成1年1月7日"), "平成1年1月7日");
  check_bilingual(date_error("大正元年7月29日"), "大正元年7月29日");
  check_bilingual(date_error("明治45年7月30日"), "明治45年7月30日");
  check_bilingual(date_error("令和0年5月1日"), "令和0年5月1日");
}

TEST_CASE("read_office_date refuses an Excel date serial and says which date it would be", "[office]") {
  const Status status = date_error("45017");
  check_bilingual(status, "45017");
  CHECK(contains(ja_half(status), "2023-04-01"));
  CHECK(contains(ja_half(status), "「日付」"));
  CHECK(contains(status.message(), "lost its date format"));
  CHECK(contains(date_error("４５０１７").message(), "2023-04-01"));
  CHECK(contains(date_error("45017.375").message(), "2023-04-01"));
  CHECK(contains(date_error("43586").message(), "2019-05-01"));
  // Not five digits: not taken for a serial.
  CHECK_FALSE(contains(date_error("2023").message(), "Excel"));
  CHECK_FALSE(contains(date_error("123456").message(), "Excel"));
}

TEST_CASE("read_office_date refuses what is not a date", "[office]") {
  for (const char* cell : {"未定", "2023/4", "2023/4/1/5", "2023/4-1", "23/4/1", "4/1/2023", "R5", "令和", "令和5年度",
                           "2023年4月", "abc", "2023/4/1 noon", "2023/4/1(月", "2023/04/01T", "1", "-2023/4/1"}) {
    const Status status = date_error(cell);
    check_bilingual(status, cell);
  }
  CHECK(contains(ja_half(date_error("未定")), "日付として読めません"));
}

TEST_CASE("read_office_date refuses an empty cell", "[office]") {
  for (const char* cell : {"", "   ", "\u3000"}) {
    const Status status = date_error(cell);
    CHECK(status.code() == ErrorCode::kInvalidArgument);
    CHECK(contains(ja_half(status), "空です"));
  }
}

TEST_CASE("messages stay valid UTF-8, cut long values and keep ' / ' out of the Japanese half", "[office]") {
  const Status bytes = date_error("\xFF\xFE 2023");
  CHECK(is_valid_utf8(bytes.message()));
  CHECK(contains(bytes.message(), "\xEF\xBF\xBD"));

  std::string long_cell;
  for (int i = 0; i < 100; ++i) long_cell += "あ";
  std::string forty;
  for (int i = 0; i < 40; ++i) forty += "あ";
  const Status long_status = date_error(long_cell);
  CHECK(is_valid_utf8(long_status.message()));
  CHECK(contains(ja_half(long_status), "「" + forty + "…」"));
  CHECK_FALSE(contains(long_status.message(), forty + "あ"));

  const Status slashes = date_error("2023 / 4 / 31");
  CHECK(contains(ja_half(slashes), "2023 ／ 4 ／ 31"));
  CHECK(contains(halves(slashes).second, "2023 / 4 / 31"));
}

// ---------------------------------------------------------------------------------------------
// Flags

TEST_CASE("read_office_boolean reads the words offices use", "[office]") {
  for (const char* cell :
       {"有",  "有り", "あり", "○", "〇", "◯",  "はい",     "TRUE",   "True", "true", "yes",
        "YES", "Yes",  "Y",    "y", "1",  "１", "ＴＲＵＥ", "ｙｅｓ", "Ｙ",   " 有 ", "\u3000○\u3000"}) {
    INFO(cell);
    const auto result = read_office_boolean(cell);
    REQUIRE(result.is_ok());
    CHECK(result.value() == true);
  }
  for (const char* cell : {"無",    "無し",  "なし", "×",  "✕",  "✖", "x", "X", "ｘ", "Ｘ",         "いいえ", "FALSE",
                           "False", "false", "no",   "NO", "No", "N", "n", "0", "０", "ＦＡＬＳＥ", "ｎｏ"}) {
    INFO(cell);
    const auto result = read_office_boolean(cell);
    REQUIRE(result.is_ok());
    CHECK(result.value() == false);
  }
}

TEST_CASE("read_office_boolean refuses other words, 済/未 among them, listing the accepted ones", "[office]") {
  for (const char* cell : {"済", "未", "maybe", "有無", "2", "○×", "t", "f", "オン"}) {
    const Status status = error_of(read_office_boolean(cell));
    check_bilingual(status, cell);
    CHECK(contains(ja_half(status), "有/無"));
    CHECK(contains(ja_half(status), "○/×"));
    CHECK(contains(ja_half(status), "はい/いいえ"));
    CHECK(contains(status.message(), "true/false"));
  }
  CHECK(contains(ja_half(error_of(read_office_boolean(" "))), "空です"));
}

// ---------------------------------------------------------------------------------------------
// Numbers

TEST_CASE("read_office_integer reads plain, full-width, Excel and grouped integers", "[office]") {
  const std::pair<const char*, long long> cases[] = {
      {"2", 2},
      {"２", 2},
      {"2.0", 2},
      {"2.00", 2},
      {"1,234", 1234},
      {"１，２３４", 1234},
      {"1,234,567", 1234567},
      {"-3", -3},
      {"－３", -3},
      {"−3", -3},
      {"+5", 5},
      {" 42 ", 42},
      {"\u3000７\u3000", 7},
      {"007", 7},
      {"-0", 0},
      {"9223372036854775807", 9223372036854775807LL},
      {"-9223372036854775808", -9223372036854775807LL - 1},
  };
  for (const auto& [cell, expected] : cases) {
    INFO(cell);
    const auto result = read_office_integer(cell);
    REQUIRE(result.is_ok());
    CHECK(result.value() == expected);
  }
}

TEST_CASE("read_office_integer refuses text, fractions and values out of range", "[office]") {
  for (const char* cell :
       {"abc", "1.5e3", "12,34", "1,2345", "1234,567", "--3", "3-", "1 000", "2.", ".5", "0x10", "三"}) {
    check_bilingual(error_of(read_office_integer(cell)), cell);
    CHECK(contains(ja_half(error_of(read_office_integer(cell))), "整数として読めません"));
  }
  const Status fraction = error_of(read_office_integer("2.5"));
  check_bilingual(fraction, "2.5");
  CHECK(contains(ja_half(fraction), "小数"));
  const Status range = error_of(read_office_integer("9223372036854775808"));
  check_bilingual(range, "9223372036854775808");
  CHECK(contains(ja_half(range), "範囲外"));
  CHECK(contains(ja_half(range), "9223372036854775807 まで"));
  check_bilingual(error_of(read_office_integer("-9,223,372,036,854,775,809")), "-9,223,372,036,854,775,809");
  CHECK(contains(ja_half(error_of(read_office_integer(""))), "空です"));
}

TEST_CASE("read_office_number reads integers, decimals and exponents", "[office]") {
  const std::pair<const char*, double> cases[] = {
      {"0.94", 0.94}, {"1.5e3", 1500.0}, {"1.5E+3", 1500.0},    {"1E-3", 0.001},
      {"2", 2.0},     {"２．５", 2.5},   {"-0.5", -0.5},        {"1,234.5", 1234.5},
      {" 3 ", 3.0},   {"2.0", 2.0},      {"－１．２５", -1.25},
  };
  for (const auto& [cell, expected] : cases) {
    INFO(cell);
    const auto result = read_office_number(cell);
    REQUIRE(result.is_ok());
    CHECK(result.value() == expected);
  }
}

TEST_CASE("read_office_number refuses text and what a JSON number cannot hold", "[office]") {
  for (const char* cell : {"abc", "nan", "inf", "0x10", "1e", "1.2.3", "12,34", "94%", "1/2"}) {
    check_bilingual(error_of(read_office_number(cell)), cell);
  }
  const Status huge = error_of(read_office_number("1e999"));
  check_bilingual(huge, "1e999");
  CHECK(contains(ja_half(huge), "範囲"));
  CHECK(contains(ja_half(error_of(read_office_number("\u3000"))), "空です"));
}

// ---------------------------------------------------------------------------------------------
// Fixed-length digits

TEST_CASE("read_office_digits reads a 法人番号 as offices write it", "[office]") {
  for (const char* cell :
       {"4011001098993", "4011-0010-98993", "４０１１００１０９８９９３", "４０１１－００１０－９８９９３",
        "4011 0010 98993", "4011\u30000010\u300098993", "4011001098993.0", " 4011001098993 ", "4011ー0010ー98993"}) {
    INFO(cell);
    const auto result = read_office_digits(cell, 13);
    REQUIRE(result.is_ok());
    CHECK(result.value() == "4011001098993");
  }
  CHECK(read_office_digits("0600000", 7).value() == "0600000");
}

TEST_CASE("read_office_digits explains numbers Excel turned into scientific notation", "[office]") {
  for (const char* cell :
       {"4.04000E+12", "4.011E+12", "4E+12", "4.01100109899E+12", "４．０１１Ｅ＋１２", "4.011e+12"}) {
    const Status status = error_of(read_office_digits(cell, 13));
    check_bilingual(status, cell);
    CHECK(contains(ja_half(status), "Excel"));
    CHECK(contains(ja_half(status), "桁が失われて"));
    CHECK(contains(ja_half(status), "文字列"));
    CHECK(contains(ja_half(status), "データ > テキストまたは CSV から"));
    CHECK(contains(ja_half(status), "出力し直す"));
    CHECK(contains(status.message(), "lost digits"));
  }
}

TEST_CASE("read_office_digits gives the count found for a wrong length", "[office]") {
  const Status short_status = error_of(read_office_digits("123456789", 13));
  check_bilingual(short_status, "123456789");
  CHECK(contains(ja_half(short_status), "13 桁の数字が必要です（9 桁）"));
  CHECK(contains(ja_half(short_status), "先頭の 0"));
  const Status long_status = error_of(read_office_digits("40110010989930", 13));
  check_bilingual(long_status, "40110010989930");
  CHECK(contains(ja_half(long_status), "（14 桁）"));
  for (const char* cell :
       {"40110010989AB", "-4011001098993", "4011001098993-", "4011/0010/98993", "4011.0010.98993", "4011001098993.5"}) {
    const Status status = error_of(read_office_digits(cell, 13));
    check_bilingual(status, cell);
    CHECK(contains(ja_half(status), "数字以外"));
  }
  CHECK(contains(ja_half(error_of(read_office_digits("", 13))), "空です"));
}

// ---------------------------------------------------------------------------------------------
// Hostile input

TEST_CASE("a megabyte of digits is refused quickly with a short message", "[office]") {
  const std::string digits(1 << 20, '7');
  const auto start = std::chrono::steady_clock::now();
  const Status date = error_of(read_office_date(digits));
  const Status integer = error_of(read_office_integer(digits));
  const Status number = error_of(read_office_number(digits));
  const Status fixed = error_of(read_office_digits(digits, 13));
  const Status flag = error_of(read_office_boolean(digits));
  CHECK(read_office_text(digits).size() == digits.size());
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(elapsed < std::chrono::seconds(5));
  for (const Status* status : {&date, &integer, &number, &fixed, &flag}) {
    INFO(status->message());
    CHECK(status->message().size() < 2000);
    CHECK(contains(status->message(), std::string(40, '7') + "…"));
    CHECK(is_valid_utf8(status->message()));
  }
  CHECK(contains(ja_half(fixed), "（1048576 桁）"));
}
