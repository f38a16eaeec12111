#include "io/csv_cells.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <string>

namespace itaku::detail {

std::string_view trim_blanks(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

namespace {

constexpr std::size_t kMaxQuotedChars = 40;

// The cell as quoted in a message, cut at a character boundary so the message stays UTF-8.
std::string quoted(std::string_view cell) {
  std::size_t chars = 0;
  std::size_t end = 0;
  while (end < cell.size() && chars < kMaxQuotedChars) {
    ++end;
    while (end < cell.size() && (static_cast<unsigned char>(cell[end]) & 0xC0) == 0x80) ++end;
    ++chars;
  }
  return "'" + std::string(cell.substr(0, end)) + (end < cell.size() ? "…'" : "'");
}

// Spreadsheets typed with a Japanese IME often hold full-width digits (U+FF10..U+FF19, UTF-8
// EF BC 90..99); map them to ASCII so "２" reads as 2.
std::string ascii_digits(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i + 2 < text.size() && text[i] == '\xEF' && text[i + 1] == '\xBC' &&
        static_cast<unsigned char>(text[i + 2]) >= 0x90 && static_cast<unsigned char>(text[i + 2]) <= 0x99) {
      out.push_back(static_cast<char>('0' + (static_cast<unsigned char>(text[i + 2]) - 0x90)));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

template <typename Number>
bool parse_whole(std::string_view text, Number& value) {
  if (text.starts_with('+')) text.remove_prefix(1);
  if (text.empty()) return false;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  return error == std::errc() && stop == end;
}

Status invalid(std::string ja, std::string en, std::string_view cell) {
  const std::string shown = quoted(cell);
  return Status(ErrorCode::kInvalidArgument, ja + "（" + shown + "） / " + en + ", got " + shown);
}

Result<nlohmann::json> to_boolean(std::string_view cell) {
  const std::string_view text = trim_blanks(cell);
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "true" || lower == "1" || lower == "yes" || lower == "はい") return nlohmann::json(true);
  if (lower == "false" || lower == "0" || lower == "no" || lower == "いいえ") return nlohmann::json(false);
  return invalid("真偽値（true/false、1/0、yes/no、はい/いいえ）が必要です",
                 "expected a boolean (true/false, 1/0, yes/no, はい/いいえ)", cell);
}

nlohmann::json to_string_array(std::string_view cell) {
  nlohmann::json items = nlohmann::json::array();
  while (true) {
    const auto separator = cell.find(';');
    const std::string_view item = trim_blanks(cell.substr(0, separator));
    if (!item.empty()) items.push_back(std::string(item));
    if (separator == std::string_view::npos) break;
    cell.remove_prefix(separator + 1);
  }
  return items.empty() ? nlohmann::json() : items;
}

}  // namespace

Result<nlohmann::json> convert_csv_cell(FieldType type, std::string_view cell) {
  switch (type) {
    case FieldType::kString:
      return nlohmann::json(std::string(cell));
    case FieldType::kInteger: {
      long long value = 0;
      if (parse_whole(ascii_digits(trim_blanks(cell)), value)) return nlohmann::json(value);
      return invalid("整数が必要です", "expected an integer", cell);
    }
    case FieldType::kNumber: {
      double value = 0;
      if (parse_whole(ascii_digits(trim_blanks(cell)), value) && std::isfinite(value)) return nlohmann::json(value);
      return invalid("数値が必要です", "expected a number", cell);
    }
    case FieldType::kBoolean:
      return to_boolean(cell);
    case FieldType::kStringArray:
      return to_string_array(cell);
    case FieldType::kObject:
    case FieldType::kObjectArray:
      break;
  }
  return Status(ErrorCode::kInternal, "CSV cell conversion asked for an object type");
}

}  // namespace itaku::detail
