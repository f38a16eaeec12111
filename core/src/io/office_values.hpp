// Reads the values of a contract ledger (契約台帳) cell as Japanese offices write them: full-width
// digits, Japanese-era dates, 有/無 and ○/× flags, numbers Excel reformatted. What cannot be read
// safely is refused with a bilingual message ("日本語 / English") that quotes the cell.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "itaku/error.hpp"

namespace itaku::detail {

// Full-width ASCII (U+FF01-U+FF5E) to ASCII, U+3000 to a space, and the dash look-alikes
// (U+2010-U+2015, U+2212, U+FF0D; not the long-vowel mark U+30FC) to '-'. Other text, including
// bytes that are not UTF-8, is unchanged.
std::string to_half_width(std::string_view text);

// `text` without ASCII white space (space, tab, CR, LF, VT, FF) and U+3000 at either end.
std::string_view trim_office_blanks(std::string_view text);

// "YYYY-MM-DD" from 20230401, 2023/4/1, 2023-04-01, 2023.4.1, 2023年4月1日, 令和5年4月1日, 令和元年5月1日,
// R5.4.1, R05.04.01, r5-4-1, ㋿5年4月1日 (eras 明治/M, 大正/T, 昭和/S, 平成/H, 令和/R), with full-width
// characters anywhere, a weekday the date has ("2023/4/1(土)") and an Excel zero time ("2023/4/1 0:00",
// "2023-04-01T00:00:00"). Refuses, with the reason: an impossible day, an era date outside its era,
// a 5-digit Excel date serial (45017), a non-zero time. Errors are kInvalidArgument.
Result<std::string> read_office_date(std::string_view cell);

// true from 有, 有り, あり, ○, 〇, ◯, はい, true, yes, y, 1; false from 無, 無し, なし, ×, ✕, ✖, x, いいえ, false,
// no, n, 0 (Latin letters in any case, full-width forms too). 済/未 are not flags and are refused.
Result<bool> read_office_boolean(std::string_view cell);

// An integer from "2", "２", "-3", "1,234" (thousands separators) and "2.0" (Excel), blanks trimmed.
// Refuses text, fractions ("2.5"), exponents and values outside long long.
Result<long long> read_office_integer(std::string_view cell);

// A finite number (what JSON can hold) from the integer forms plus decimals ("0.94") and exponents
// ("1.5e3").
Result<double> read_office_number(std::string_view cell);

// Exactly `digits` ASCII digits, for a fixed-length number such as the 法人番号 (13): full-width digits,
// blanks and hyphens between digit groups and a trailing ".0" (Excel) are dropped. Explains values
// Excel turned into scientific notation ("4.011E+12") and digit counts that are wrong. Check digits
// are the schema layer's job.
Result<std::string> read_office_digits(std::string_view cell, std::size_t digits);

// The cell for a text field: trimmed (trim_office_blanks), CRLF and lone CR turned into LF, otherwise
// unchanged (full-width letters in Japanese titles are legitimate).
std::string read_office_text(std::string_view cell);

}  // namespace itaku::detail
