#include "io/csv_record_cells.hpp"

#include <cmath>
#include <limits>

#include "io/csv_cells.hpp"
#include "io/text_encoding.hpp"

namespace itaku::detail {
namespace {

// Integers above this lose precision as a double; the reader stores a number column as double.
constexpr double kLargestExactDouble = 9007199254740992.0;  // 2^53

BilingualText type_name(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::string:
      return {"文字列", "text"};
    case nlohmann::json::value_t::boolean:
      return {"真偽値", "a boolean"};
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return {"整数", "an integer"};
    case nlohmann::json::value_t::number_float:
      return {"小数", "a fractional number"};
    case nlohmann::json::value_t::array:
      return {"配列", "an array"};
    case nlohmann::json::value_t::object:
      return {"オブジェクト", "an object"};
    case nlohmann::json::value_t::null:
      return {"null", "null"};
    default:
      return {"その他", "another kind of value"};
  }
}

BilingualText expected_name(FieldType type) {
  switch (type) {
    case FieldType::kString:
      return {"文字列", "text"};
    case FieldType::kInteger:
      return {"整数", "an integer"};
    case FieldType::kNumber:
      return {"数値", "a number"};
    case FieldType::kBoolean:
      return {"真偽値", "a boolean"};
    case FieldType::kStringArray:
      return {"文字列の配列", "an array of text"};
    case FieldType::kObject:
      return {"オブジェクト", "an object"};
    case FieldType::kObjectArray:
      return {"オブジェクトの配列", "an array of objects"};
  }
  return {"?", "?"};
}

std::optional<BilingualText> check_text(const std::string& text) {
  if (trim_blanks(text).empty()) {
    return BilingualText{"空または空白だけの文字列は、CSV では空欄（項目なし）として読み戻されます",
                         "empty or blank-only text reads back from CSV as an empty cell, i.e. an absent field"};
  }
  if (!is_valid_utf8(text)) {
    return BilingualText{"文字列が UTF-8 ではありません", "the text is not UTF-8"};
  }
  return std::nullopt;
}

std::optional<BilingualText> encode_text_list(const nlohmann::json& value, std::string& cell) {
  if (value.empty()) {
    return BilingualText{"空の配列は、CSV では空欄（項目なし）として読み戻されます",
                         "an empty array reads back from CSV as an empty cell, i.e. an absent field"};
  }
  for (const nlohmann::json& item : value) {
    if (!item.is_string()) return wrong_type(FieldType::kStringArray, value);
    const std::string& text = item.get_ref<const std::string&>();
    if (text.find(';') != std::string::npos) {
      return BilingualText{"配列の要素に ';' が含まれています（CSV では ';' が要素の区切りです）",
                           "an array item contains ';', which separates the items of a CSV cell"};
    }
    // The reader trims every item and drops empty ones.
    if (trim_blanks(text).size() != text.size() || text.empty()) {
      return BilingualText{"配列の要素が空か、前後に空白があります（CSV では失われます）",
                           "an array item is empty or has leading or trailing blanks, which CSV loses"};
    }
    if (!is_valid_utf8(text)) return BilingualText{"配列の要素が UTF-8 ではありません", "an array item is not UTF-8"};
    if (!cell.empty()) cell += ';';
    cell += text;
  }
  return std::nullopt;
}

}  // namespace

BilingualText wrong_type(FieldType type, const nlohmann::json& value) {
  const BilingualText expected = expected_name(type);
  const BilingualText actual = type_name(value);
  return {"スキーマでは" + expected.ja + "の項目ですが、値が" + actual.ja + "です",
          "the schemas define " + expected.en + " here but the value is " + actual.en};
}

std::optional<BilingualText> encode_csv_cell(FieldType type, const nlohmann::json& value, std::string& cell) {
  cell.clear();
  if (value.is_null()) {
    return BilingualText{"null は CSV では表せません（空欄は項目なしを意味します）",
                         "null cannot be written to CSV (an empty cell means an absent field)"};
  }
  switch (type) {
    case FieldType::kString: {
      if (!value.is_string()) return wrong_type(type, value);
      const std::string& text = value.get_ref<const std::string&>();
      if (auto problem = check_text(text)) return problem;
      // Written verbatim, including a leading = + - @. The CSV *report* prefixes such cells with an
      // apostrophe against formula injection in Excel, but a record export must read back exactly:
      // an apostrophe would become part of the value on import. This file is data for Itaku, not
      // a report to open in a spreadsheet; the CSV reader never evaluates anything.
      cell = text;
      return std::nullopt;
    }
    case FieldType::kInteger:
      // The reader parses a long long; an unsigned value above its range would not read back.
      if (!value.is_number_integer() ||
          (value.is_number_unsigned() &&
           value.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<long long>::max()))) {
        return wrong_type(type, value);
      }
      cell = value.dump();
      return std::nullopt;
    case FieldType::kNumber:
      if (!value.is_number()) return wrong_type(type, value);
      if (value.is_number_float() ? !std::isfinite(value.get<double>())
                                  : std::fabs(value.get<double>()) > kLargestExactDouble) {
        return BilingualText{"この数値は CSV から同じ値として読み戻せません",
                             "this number would not read back from CSV unchanged"};
      }
      // nlohmann writes the shortest text that parses back to the same double.
      cell = value.dump();
      return std::nullopt;
    case FieldType::kBoolean:
      if (!value.is_boolean()) return wrong_type(type, value);
      cell = value.get<bool>() ? "true" : "false";
      return std::nullopt;
    case FieldType::kStringArray:
      if (!value.is_array()) return wrong_type(type, value);
      return encode_text_list(value, cell);
    case FieldType::kObject:
    case FieldType::kObjectArray:
      break;
  }
  return BilingualText{"この項目は 1 つのセルに書けません", "this field does not fit in one cell"};
}

void append_csv_field(std::string& out, std::string_view text) {
  const bool needs_quotes = text.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!needs_quotes) {
    out += text;
    return;
  }
  out += '"';
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace itaku::detail
