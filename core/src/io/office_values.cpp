#include "io/office_values.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <system_error>

#include "itaku/domain/date.hpp"
#include "text/utf8.hpp"

namespace itaku::detail {
namespace {

// ---------------------------------------------------------------------------------------------
// Text

struct CodePoint {
  char32_t value = 0;
  std::size_t length = 1;  // bytes; 1 for a byte that is not UTF-8
  bool valid = false;
};

CodePoint decode_at(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  if (lead < 0x80) return {lead, 1, true};
  const std::size_t length = utf8_sequence_length(text, at);
  if (length == 0) return {};
  char32_t value = lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) value = (value << 6) | (static_cast<unsigned char>(text[at + i]) & 0x3F);
  return {value, length, true};
}

std::optional<char> half_width_of(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return static_cast<char>(c - 0xFEE0);  // includes U+FF0D '－'
  if (c == 0x3000) return ' ';
  if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212) return '-';
  return std::nullopt;
}

constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";  // U+3000

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

constexpr std::size_t kQuotedChars = 40;

// The cell as a message shows it: at most 40 characters, bytes that are not UTF-8 as U+FFFD and
// control characters as spaces, so that the message stays one line of valid UTF-8.
std::string shown(std::string_view cell) {
  std::string out;
  std::size_t at = 0;
  for (std::size_t chars = 0; at < cell.size() && chars < kQuotedChars; ++chars) {
    const CodePoint code = decode_at(cell, at);
    if (!code.valid) {
      out += kReplacementCharacter;
    } else if (code.value < 0x20 || code.value == 0x7F) {
      out += ' ';
    } else {
      out += cell.substr(at, code.length);
    }
    at += code.length;
  }
  if (at < cell.size()) out += "…";
  return out;
}

// Other code splits a message at its first " / ", so the Japanese half may not hold one, not even
// inside a quoted cell such as "2023 / 4 / 1": there the slash becomes a full-width one.
Status invalid(std::string ja, std::string_view en) {
  for (auto at = ja.find(" / "); at != std::string::npos; at = ja.find(" / ", at + 1)) {
    ja.replace(at, 3, " ／ ");
  }
  return Status(ErrorCode::kInvalidArgument, ja + " / " + std::string(en));
}

Status empty_cell(std::string_view what_ja, std::string_view what_en) {
  return invalid(std::string(what_ja) + "の欄が空です", "The " + std::string(what_en) + " cell is empty");
}

// A read position in a cell already passed through to_half_width.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : rest_(text) {}

  bool done() const { return rest_.empty(); }
  std::string_view rest() const { return rest_; }
  bool at(char c) const { return !rest_.empty() && rest_.front() == c; }

  bool take(std::string_view literal) {
    if (!rest_.starts_with(literal)) return false;
    rest_.remove_prefix(literal.size());
    return true;
  }
  bool take_any(std::string_view chars, char& taken) {
    if (rest_.empty() || chars.find(rest_.front()) == std::string_view::npos) return false;
    taken = rest_.front();
    rest_.remove_prefix(1);
    return true;
  }
  void skip_blanks() {
    while (at(' ') || at('\t')) rest_.remove_prefix(1);
  }
  std::size_t digit_run() const {
    std::size_t n = 0;
    while (n < rest_.size() && is_digit(rest_[n])) ++n;
    return n;
  }
  std::string_view take_digits() {
    const std::string_view digits = rest_.substr(0, digit_run());
    rest_.remove_prefix(digits.size());
    return digits;
  }
  // A run of min..max digits as a number; a longer or shorter run is left in place.
  std::optional<int> take_number(std::size_t min_digits, std::size_t max_digits) {
    const std::size_t n = digit_run();
    if (n < min_digits || n > max_digits) return std::nullopt;
    int value = 0;
    for (const char c : take_digits()) value = value * 10 + (c - '0');
    return value;
  }

 private:
  std::string_view rest_;
};

// ---------------------------------------------------------------------------------------------
// Calendar

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
};

// Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm).
long day_number(Date date) {
  const long y = date.year - (date.month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long year_of_era = y - era * 400;
  const long day_of_year = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  const long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

Date date_of_day_number(long days) {
  days += 719468;
  const long era = (days >= 0 ? days : days - 146096) / 146097;
  const long day_of_era = days - era * 146097;
  const long year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const long mp = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0)), month, day};
}

int weekday_of(Date date) {  // 0 = Sunday
  return static_cast<int>(((day_number(date) + 4) % 7 + 7) % 7);
}

std::string iso(Date date) {
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year, date.month, date.day);
  return text;
}

constexpr std::array<std::string_view, 7> kWeekdayNames{"日", "月", "火", "水", "木", "金", "土"};
constexpr std::array<std::string_view, 7> kWeekdayNamesEn{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                          "Thursday", "Friday", "Saturday"};

// ---------------------------------------------------------------------------------------------
// Japanese eras

struct Era {
  std::string_view name;
  std::string_view romaji;
  char letter;
  std::string_view square;  // the one-character form (㍻) some fonts and IMEs offer
  Date start;
};

// 明治 starts on 1868-01-01 rather than 1868-01-25 (明治元年1月1日 in the old lunar calendar): the era was
// proclaimed later that year and applied to all of it, and ledgers date old deeds loosely.
constexpr std::array<Era, 5> kEras{{
    {"明治", "Meiji", 'M', "㍾", {1868, 1, 1}},
    {"大正", "Taisho", 'T', "㍽", {1912, 7, 30}},
    {"昭和", "Showa", 'S', "㍼", {1926, 12, 25}},
    {"平成", "Heisei", 'H', "㍻", {1989, 1, 8}},
    {"令和", "Reiwa", 'R', "㋿", {2019, 5, 1}},
}};

std::optional<std::size_t> take_era(Cursor& at) {
  for (std::size_t i = 0; i < kEras.size(); ++i) {
    if (at.take(kEras[i].name) || at.take(kEras[i].square)) return i;
  }
  // A letter is an era only when a year follows ("R5.4.1"), not when it starts a word.
  for (std::size_t i = 0; i < kEras.size(); ++i) {
    const char upper = kEras[i].letter;
    const char lower = static_cast<char>(upper - 'A' + 'a');
    const std::string_view rest = at.rest();
    if (rest.size() >= 2 && (rest[0] == upper || rest[0] == lower) && is_digit(rest[1])) {
      at.take(rest.substr(0, 1));
      return i;
    }
  }
  return std::nullopt;
}

std::optional<int> take_era_year(Cursor& at) {
  if (at.take("元")) return 1;
  return at.take_number(1, 2);
}

std::string era_spelling(std::size_t era, int era_year, Date date) {
  return std::string(kEras[era].name) + (era_year == 1 ? "元" : std::to_string(era_year)) + "年" +
         std::to_string(date.month) + "月" + std::to_string(date.day) + "日";
}

std::optional<std::size_t> era_of(Date date) {
  for (std::size_t i = kEras.size(); i-- > 0;) {
    if (day_number(date) >= day_number(kEras[i].start)) return i;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Written dates

enum class TimeOfDay { kNone, kZero, kNonZero };

struct WrittenDate {
  std::optional<std::size_t> era;
  int year = 0;  // the era's year when `era` is set
  int month = 0;
  int day = 0;
  std::optional<int> weekday;
  TimeOfDay time = TimeOfDay::kNone;
  std::string_view time_text;
};

// "年4月1日" (blanks allowed: documents pad single digits to line dates up) or ".4.1", "/4/1", "-4-1".
bool take_month_day(Cursor& at, WrittenDate& date) {
  at.skip_blanks();
  if (at.take("年")) {
    at.skip_blanks();
    const auto month = at.take_number(1, 2);
    at.skip_blanks();
    if (!month || !at.take("月")) return false;
    at.skip_blanks();
    const auto day = at.take_number(1, 2);
    if (!day) return false;
    at.skip_blanks();
    at.take("日");
    date.month = *month;
    date.day = *day;
    return true;
  }
  char separator = 0;
  if (!at.take_any("./-", separator)) return false;
  at.skip_blanks();
  const auto month = at.take_number(1, 2);
  at.skip_blanks();
  if (!month || !at.take(std::string_view(&separator, 1))) return false;
  at.skip_blanks();
  const auto day = at.take_number(1, 2);
  if (!day) return false;
  date.month = *month;
  date.day = *day;
  return true;
}

// "(土)" or "（土曜日）", as Excel's date formats with aaa/aaaa write it.
bool take_weekday(Cursor& at, WrittenDate& date) {
  if (!at.take("(")) return true;
  for (std::size_t i = 0; i < kWeekdayNames.size(); ++i) {
    if (at.take(kWeekdayNames[i])) {
      date.weekday = static_cast<int>(i);
      break;
    }
  }
  if (!date.weekday) return false;
  if (!at.take("曜日")) at.take("曜");
  return at.take(")");
}

// Excel writes a date cell that also holds a time as "2023/4/1 0:00" or "2023-04-01 00:00:00".
std::optional<TimeOfDay> take_time(Cursor& at) {
  const auto hour = at.take_number(1, 2);
  if (!hour || !at.take(":")) return std::nullopt;
  const auto minute = at.take_number(2, 2);
  if (!minute) return std::nullopt;
  int second = 0;
  bool zero_fraction = true;
  if (at.take(":")) {
    const auto seconds = at.take_number(2, 2);
    if (!seconds) return std::nullopt;
    second = *seconds;
    if (at.take(".")) {
      const std::string_view fraction = at.take_digits();
      if (fraction.empty()) return std::nullopt;
      zero_fraction = fraction.find_first_not_of('0') == std::string_view::npos;
    }
  }
  if (*hour > 23 || *minute > 59 || second > 59) return std::nullopt;
  return *hour == 0 && *minute == 0 && second == 0 && zero_fraction ? TimeOfDay::kZero : TimeOfDay::kNonZero;
}

bool take_suffix(Cursor& at, WrittenDate& date) {
  at.skip_blanks();
  if (!take_weekday(at, date)) return false;
  at.skip_blanks();
  if (at.done()) return true;
  if (!at.take("T")) at.take("t");
  date.time_text = at.rest();
  const auto time = take_time(at);
  if (!time || !at.done()) return false;
  date.time = *time;
  return true;
}

std::optional<WrittenDate> parse_written_date(std::string_view text) {
  Cursor at(text);
  WrittenDate date;
  if (const auto era = take_era(at)) {
    date.era = era;
    at.skip_blanks();
    const auto year = take_era_year(at);
    if (!year || !take_month_day(at, date)) return std::nullopt;
    date.year = *year;
  } else if (at.digit_run() == 8) {  // 20230401
    const int compact = *at.take_number(8, 8);
    date.year = compact / 10000;
    date.month = compact / 100 % 100;
    date.day = compact % 100;
  } else {
    const auto year = at.take_number(4, 4);
    if (!year || !take_month_day(at, date)) return std::nullopt;
    date.year = *year;
  }
  if (!take_suffix(at, date)) return std::nullopt;
  return date;
}

Date gregorian_of(const WrittenDate& written) {
  const int year = written.era ? kEras[*written.era].start.year + written.year - 1 : written.year;
  return {year, written.month, written.day};
}

// A date cell that lost its format is exported as Excel's serial day number. Five digits (10000-99999,
// 1927-05-18 to 2173-10-14) are where a ledger's dates fall; shorter numbers are more likely years or
// typos. A fraction is the time of day.
std::optional<int> excel_serial(std::string_view text) {
  Cursor at(text);
  if (at.at('0')) return std::nullopt;
  const auto serial = at.take_number(5, 5);
  if (!serial) return std::nullopt;
  if (at.take(".") && at.take_digits().empty()) return std::nullopt;
  if (!at.done()) return std::nullopt;
  return serial;
}

// Excel's 1900 date system counts 1900-02-29 (a day that never was, kept from Lotus 1-2-3), so from
// serial 61 on, serial n is 1899-12-30 plus n days.
Date date_of_excel_serial(int serial) { return date_of_day_number(day_number({1899, 12, 30}) + serial); }

// ---------------------------------------------------------------------------------------------
// Date errors

Status not_a_date(std::string_view cell) {
  const std::string value = shown(cell);
  return invalid(
      "日付として読めません（「" + value + "」）。2023-04-01、2023/4/1、令和5年4月1日、R5.4.1 のように入力してください",
      "Not a date: '" + value + "'; write it as 2023-04-01, 2023/4/1, 令和5年4月1日 or R5.4.1");
}

Status excel_serial_error(std::string_view cell, int serial) {
  const std::string value = shown(cell);
  const std::string date = iso(date_of_excel_serial(serial));
  return invalid("「" + value + "」は日付ではなく数値です。Excel の日付シリアル値なら " + date +
                     " にあたりますが、推測では取り込みません。セルの日付の書式が失われています。Excel "
                     "で列の表示形式を「日付」にしてから保存し直してください",
                 "'" + value + "' is a number, not a date: as an Excel date serial it would be " + date +
                     ", but it is not guessed. The cell lost its date format: in Excel set the column's format to "
                     "Date (日付) and save the file again");
}

Status time_error(std::string_view cell, std::string_view time) {
  const std::string value = shown(cell);
  const std::string clock = shown(time);
  return invalid("この欄は日付のみです。時刻（" + clock + "）を消して日付だけを入力してください（「" + value + "」）",
                 "This field holds a date only: remove the time (" + clock + ") from '" + value + "'");
}

Status no_such_day(std::string_view cell, Date date) {
  const std::string value = shown(cell);
  if (date.month < 1 || date.month > 12) {
    return invalid("「" + value + "」という日はありません（月は 1 から 12 までです）",
                   "There is no such day as '" + value + "' (months run from 1 to 12)");
  }
  const std::string last = std::to_string(days_in_month(date.year, date.month));
  return invalid("「" + value + "」という日はありません（" + std::to_string(date.year) + "年" +
                     std::to_string(date.month) + "月は " + last + " 日までです）",
                 "There is no such day as '" + value + "' (" + std::to_string(date.year) + "-" +
                     (date.month < 10 ? "0" : "") + std::to_string(date.month) + " has " + last + " days)");
}

// Offices kept writing 平成 after 2019-05-01 and wrote 令和1年 for days before it; saying which era
// the day belongs to lets the clerk fix the cell without a calendar.
std::optional<Status> era_error(std::string_view cell, const WrittenDate& written, Date date) {
  const std::size_t index = *written.era;
  const Era& era = kEras[index];
  const bool last = index + 1 == kEras.size();
  const bool before = day_number(date) < day_number(era.start);
  const bool after = !last && day_number(date) >= day_number(kEras[index + 1].start);
  if (!before && !after) return std::nullopt;

  const std::string value = shown(cell);
  const std::string name(era.name);
  const std::string romaji(era.romaji);
  const std::string from = iso(era.start);
  const std::string until = last ? std::string() : iso(date_of_day_number(day_number(kEras[index + 1].start) - 1));
  std::string ja = "「" + value + "」（" + iso(date) + "）は" + name + "の期間外です。" + name + "は " + from +
                   (last ? " からです。" : " から " + until + " までです。");
  std::string en = "'" + value + "' (" + iso(date) + ") is outside the " + name + " (" + romaji + ") era, which " +
                   (last ? "began on " + from : "runs from " + from + " to " + until);
  if (const auto actual = era_of(date); actual && written.year >= 1) {
    const std::string spelling = era_spelling(*actual, date.year - kEras[*actual].start.year + 1, date);
    ja += spelling + "のことでしたら「" + spelling + "」または「" + iso(date) + "」と入力してください";
    en += "; if you mean " + spelling + ", write that or " + iso(date);
  }
  return invalid(std::move(ja), en);
}

Status weekday_error(std::string_view cell, Date date, int written_weekday) {
  const std::string value = shown(cell);
  const auto actual = static_cast<std::size_t>(weekday_of(date));
  const auto written = static_cast<std::size_t>(written_weekday);
  return invalid("曜日が日付と合いません（「" + value + "」）。" + iso(date) + " は" +
                     std::string(kWeekdayNames[actual]) + "曜日です。日付と曜日のどちらが正しいか確認してください",
                 "The weekday does not match the date in '" + value + "': " + iso(date) + " is a " +
                     std::string(kWeekdayNamesEn[actual]) + ", not a " + std::string(kWeekdayNamesEn[written]) +
                     "; check which of the two is right");
}

// ---------------------------------------------------------------------------------------------
// Flags

constexpr std::array<std::string_view, 11> kTrueWords{"有",   "有り", "あり", "○", "〇", "◯",
                                                      "はい", "true", "yes",  "y", "1"};
constexpr std::array<std::string_view, 12> kFalseWords{"無", "無し",   "なし",  "×",  "✕", "✖",
                                                       "x",  "いいえ", "false", "no", "n", "0"};

bool is_one_of(std::string_view word, const auto& words) {
  for (const std::string_view candidate : words) {
    if (word == candidate) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Numbers

// A number as offices write it: sign, integer digits (thousands separators dropped), fraction and
// exponent (with its sign). Owns its text: the normalized cell it was read from is a temporary.
struct WrittenNumber {
  bool negative = false;
  std::string whole;
  std::optional<std::string> fraction;
  std::optional<std::string> exponent;
};

// "1,234,567": the first group has 1-3 digits and every later one exactly 3. A comma elsewhere
// ("12,34") is more likely a typo or a decimal comma than a separator, so it is refused.
bool take_whole(Cursor& at, std::string& whole) {
  const std::string_view first = at.take_digits();
  if (first.empty()) return false;
  whole += first;
  if (!at.at(',')) return true;
  if (first.size() > 3) return false;
  while (at.take(",")) {
    if (at.digit_run() != 3) return false;
    whole += at.take_digits();
  }
  return true;
}

std::optional<std::string_view> take_exponent(Cursor& at) {
  const std::string_view start = at.rest();
  if (!at.take("e") && !at.take("E")) return std::nullopt;
  if (!at.take("+")) at.take("-");
  if (at.take_digits().empty()) return std::nullopt;
  return start.substr(1, start.size() - at.rest().size() - 1);
}

std::optional<WrittenNumber> parse_written_number(std::string_view text) {
  Cursor at(text);
  WrittenNumber number;
  if (!at.take("+")) number.negative = at.take("-");
  if (!take_whole(at, number.whole)) return std::nullopt;
  if (at.take(".")) {
    number.fraction = std::string(at.take_digits());
    if (number.fraction->empty()) return std::nullopt;
  }
  if (at.at('e') || at.at('E')) {
    const auto exponent = take_exponent(at);
    if (!exponent) return std::nullopt;
    number.exponent = std::string(*exponent);
  }
  if (!at.done()) return std::nullopt;
  return number;
}

Status not_a_number(std::string_view cell, std::string_view what_ja, std::string_view what_en) {
  const std::string value = shown(cell);
  return invalid(std::string(what_ja) + "として読めません（「" + value + "」）",
                 "Not " + std::string(what_en) + ": '" + value + "'");
}

// ---------------------------------------------------------------------------------------------
// Fixed-length digit strings

// Excel shows long numbers in General format as "4.011E+12" and saves them so: the digits past the
// few it kept are gone for good.
bool is_scientific(std::string_view text) {
  Cursor at(text);
  if (at.take_digits().empty()) return false;
  if (at.take(".") && at.take_digits().empty()) return false;
  return take_exponent(at) && at.done();
}

// Hyphens and blanks count as separators only between digit groups ("4011-0010-98993"); the
// long-vowel mark ー is what an IME gives for a hyphen typed in Japanese mode.
bool take_group_separators(Cursor& at) {
  bool any = false;
  while (at.take(" ") || at.take("\t") || at.take("-") || at.take("ー") || at.take("ｰ")) any = true;
  return any;
}

std::optional<std::string> digits_of(std::string_view text) {
  // A trailing ".0" is Excel's: the column was read as numbers and written back.
  if (const auto dot = text.rfind('.'); dot != std::string_view::npos && dot + 1 < text.size() &&
                                        text.find_first_not_of('0', dot + 1) == std::string_view::npos) {
    text = text.substr(0, dot);
  }
  Cursor at(text);
  std::string digits;
  while (true) {
    const std::string_view group = at.take_digits();
    if (group.empty()) return std::nullopt;
    digits += group;
    if (at.done()) return digits;
    if (!take_group_separators(at)) return std::nullopt;
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// API

std::string to_half_width(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const CodePoint code = decode_at(text, at);
    if (const auto ascii = code.valid ? half_width_of(code.value) : std::nullopt) {
      out += *ascii;
    } else {
      out += text.substr(at, code.length);
    }
    at += code.length;
  }
  return out;
}

std::string_view trim_office_blanks(std::string_view text) {
  while (true) {
    if (!text.empty() && is_ascii_space(text.front())) {
      text.remove_prefix(1);
    } else if (text.starts_with(kIdeographicSpace)) {
      text.remove_prefix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  while (true) {
    if (!text.empty() && is_ascii_space(text.back())) {
      text.remove_suffix(1);
    } else if (text.ends_with(kIdeographicSpace)) {
      text.remove_suffix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  return text;
}

Result<std::string> read_office_date(std::string_view cell) {
  const std::string_view trimmed = trim_office_blanks(cell);
  if (trimmed.empty()) return empty_cell("日付", "date");
  const std::string text = to_half_width(trimmed);
  if (const auto serial = excel_serial(text)) return excel_serial_error(trimmed, *serial);
  const auto written = parse_written_date(text);
  if (!written) return not_a_date(trimmed);
  if (written->time == TimeOfDay::kNonZero) return time_error(trimmed, written->time_text);
  const Date date = gregorian_of(*written);
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > days_in_month(date.year, date.month)) {
    return no_such_day(trimmed, date);
  }
  if (written->era) {
    if (auto error = era_error(trimmed, *written, date)) return std::move(*error);
  }
  if (written->weekday && *written->weekday != weekday_of(date)) {
    return weekday_error(trimmed, date, *written->weekday);
  }
  return iso(date);
}

Result<bool> read_office_boolean(std::string_view cell) {
  const std::string_view trimmed = trim_office_blanks(cell);
  if (trimmed.empty()) return empty_cell("有無", "yes/no");
  std::string word = to_half_width(trimmed);
  for (char& c : word) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (is_one_of(word, kTrueWords)) return true;
  if (is_one_of(word, kFalseWords)) return false;
  const std::string value = shown(trimmed);
  return invalid("有無として読めません（「" + value +
                     "」）。有/無、有り/無し、あり/なし、○/×、はい/いいえ、true/false、yes/no、Y/N、1/0 "
                     "のいずれかを入力してください",
                 "Not a yes/no value: '" + value +
                     "'; write one of 有/無, 有り/無し, あり/なし, ○/×, はい/いいえ, true/false, yes/no, Y/N, 1/0");
}

Result<long long> read_office_integer(std::string_view cell) {
  const std::string_view trimmed = trim_office_blanks(cell);
  if (trimmed.empty()) return empty_cell("整数", "integer");
  const auto number = parse_written_number(to_half_width(trimmed));
  if (!number || number->exponent) return not_a_number(trimmed, "整数", "an integer");
  if (number->fraction && number->fraction->find_first_not_of('0') != std::string::npos) {
    const std::string value = shown(trimmed);
    return invalid("整数が必要ですが小数です（「" + value + "」）",
                   "An integer is needed, but '" + value + "' has a fractional part");
  }
  const std::string digits = (number->negative ? "-" : "") + number->whole;
  long long value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size()) {
    const std::string shown_value = shown(trimmed);
    return invalid(
        "整数が範囲外です（「" + shown_value + "」）。-9223372036854775808 から 9223372036854775807 までです",
        "The integer '" + shown_value + "' is out of range (-9223372036854775808 to 9223372036854775807)");
  }
  return value;
}

Result<double> read_office_number(std::string_view cell) {
  const std::string_view trimmed = trim_office_blanks(cell);
  if (trimmed.empty()) return empty_cell("数値", "number");
  const auto number = parse_written_number(to_half_width(trimmed));
  if (!number) return not_a_number(trimmed, "数値", "a number");
  std::string text = (number->negative ? "-" : "") + number->whole;
  if (number->fraction) text += "." + *number->fraction;
  if (number->exponent) text += "e" + *number->exponent;
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    const std::string shown_value = shown(trimmed);
    return invalid("数値が扱える範囲を超えています（「" + shown_value + "」）",
                   "The number '" + shown_value + "' is out of range");
  }
  return value;
}

Result<std::string> read_office_digits(std::string_view cell, std::size_t digits) {
  const std::string count = std::to_string(digits);
  const std::string_view trimmed = trim_office_blanks(cell);
  if (trimmed.empty()) return empty_cell(count + " 桁の数字", count + "-digit number");
  const std::string text = to_half_width(trimmed);
  const std::string value = shown(trimmed);
  if (is_scientific(text)) {
    return invalid(
        "「" + value + "」は Excel が列を数値に変えたため桁が失われています（" + count +
            " 桁の数字が必要です）。元の値はこのファイルからは復元できません。元のシステムから台帳を出力し直すのが確実"
            "です。"
            "Excel で入力し直す場合は、列を選んで表示形式を「文字列」にしてから入力し直してください。"
            "CSV を開くときは データ > テキストまたは CSV から 開き、この列を「文字列」に指定してください",
        "'" + value + "': Excel turned the column into numbers and lost digits (" + count +
            " digits are needed); they cannot be recovered from this file. Best, export the ledger again from the "
            "source system. To type the values again in Excel, select the column and set its format to Text "
            "(文字列) first; to open a CSV, use Data > From Text/CSV and set this column to Text");
  }
  const auto found = digits_of(text);
  if (!found) {
    return invalid(count + " 桁の数字が必要です。「" + value + "」には数字以外の文字があります",
                   count + " digits are needed; '" + value + "' contains characters other than digits");
  }
  if (found->size() != digits) {
    const std::string found_count = std::to_string(found->size());
    const bool shorter = found->size() < digits;
    return invalid(count + " 桁の数字が必要です（" + found_count + " 桁）：「" + value + "」" +
                       (shorter ? "。Excel で先頭の 0 が消えていないか確認してください" : ""),
                   count + " digits are needed, found " + found_count + ": '" + value + "'" +
                       (shorter ? " (check that Excel did not drop leading zeros)" : ""));
  }
  return *found;
}

std::string read_office_text(std::string_view cell) {
  const std::string_view text = trim_office_blanks(cell);
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text[at] != '\r') {
      out += text[at];
      continue;
    }
    out += '\n';
    if (at + 1 < text.size() && text[at + 1] == '\n') ++at;
  }
  return out;
}

}  // namespace itaku::detail
