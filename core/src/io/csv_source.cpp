#include "io/csv_source.hpp"

#include "schema/json_pointer.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "io/csv_cells.hpp"
#include "io/csv_reader.hpp"
#include "io/ledger_headers.hpp"
#include "itaku/io/ledger.hpp"
#include "io/text_encoding.hpp"

namespace itaku::detail {
namespace {

// Far above any real list (certifications, verifications) yet small enough that a typo such as
// "verifications.99999.date" cannot make a row allocate a huge array.
constexpr std::size_t kMaxArrayIndex = 999;

struct PathSegment {
  std::string key;          // the property name, or the index as written
  std::optional<std::size_t> index;  // set when the segment indexes an array of objects
};

struct CsvColumn {
  std::string header;       // empty for an unnamed column, whose cells must all be empty
  std::vector<PathSegment> segments;
  FieldType type = FieldType::kString;
  std::string pointer;  // JSON Pointer of the field, for error reports
};


Error column_error(const std::string& header, std::size_t position, const std::string& ja, const std::string& en) {
  const std::string where = "'" + header + "'（" + std::to_string(position) + " 列目）";
  const std::string where_en = "'" + header + "' (column " + std::to_string(position) + ")";
  return Error(ErrorCode::kInvalidArgument, "CSV の列 " + where + ": " + ja + " / CSV column " + where_en + ": " + en,
               header);
}

CsvColumn make_column(std::string header, std::size_t position, const FieldTypes& types) {
  CsvColumn column;
  column.header = std::move(header);
  std::vector<std::string> path = split_field_path(column.header);
  const std::optional<FieldType> type = types.type_of(path);
  if (!type) {
    throw column_error(column.header, position, "スキーマにない項目です（例: vendor.name、information.confidentiality）",
                       "unknown column: no schema defines this field (expected dotted paths such as "
                       "vendor.name, information.confidentiality)");
  }
  if (*type == FieldType::kObject || *type == FieldType::kObjectArray) {
    throw column_error(column.header, position, "値ではなくオブジェクトを指しています。vendor.name のように下位の項目まで書いてください",
                       "names an object, not a value: name its fields, e.g. vendor.name or verifications.0.date");
  }
  column.type = *type;
  for (std::string& part : path) {
    PathSegment segment;
    // FieldTypes accepted the path, so a numeric segment here indexes an array of objects.
    if (!part.empty() && std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      // Too many digits for stoul is too large an index too (stoul would throw out_of_range).
      const std::size_t index = part.size() > 9 ? kMaxArrayIndex + 1 : std::stoul(part);
      if (index > kMaxArrayIndex) {
        throw column_error(column.header, position, "配列の番号が大きすぎます（最大 " + std::to_string(kMaxArrayIndex) + "）",
                           "array index too large (at most " + std::to_string(kMaxArrayIndex) + ")");
      }
      segment.index = index;
    }
    append_pointer_segment(column.pointer, part);
    segment.key = std::move(part);
    column.segments.push_back(std::move(segment));
  }
  return column;
}

bool is_blank(const CsvRow& row) {
  return std::all_of(row.fields.begin(), row.fields.end(), [](const std::string& f) { return trim_blanks(f).empty(); });
}

// Cells are placed by index; an index whose cells were all empty leaves a null hole, removed
// here so "verifications.1.*" alone gives a one-element array. Cells never produce null values,
// so every null in an array is such a hole.
void remove_array_holes(nlohmann::json& value) {
  if (value.is_array()) {
    value.erase(std::remove(value.begin(), value.end(), nullptr), value.end());
  }
  if (value.is_structured()) {
    for (auto& child : value) remove_array_holes(child);
  }
}

void place(nlohmann::json& record, const CsvColumn& column, nlohmann::json value) {
  nlohmann::json* node = &record;
  for (const PathSegment& segment : column.segments) {
    if (segment.index) {
      if (node->is_null()) *node = nlohmann::json::array();
      while (node->size() <= *segment.index) node->push_back(nullptr);
      node = &(*node)[*segment.index];
    } else {
      node = &(*node)[segment.key];
    }
  }
  *node = std::move(value);
}

class CsvSource final : public RecordSource {
 public:
  CsvSource(std::unique_ptr<std::istream> in, std::string name, const FieldTypes& types)
      : in_(std::move(in)), reader_(*in_), name_(std::move(name)) {
    read_header(types);
  }

  std::optional<SourceRecord> next() override {
    while (reader_.read_row(row_)) {
      ++record_number_;
      if (row_.unterminated_quote || !is_blank(row_)) {
        SourceRecord record{record_number_, build_record()};
        if (!record.json) record.ref = readable_ref();
        return record;
      }
    }
    return std::nullopt;
  }

  const std::string& name() const override { return name_; }

 private:
  void read_header(const FieldTypes& types) {
    CsvRow header;
    if (!reader_.read_row(header) || is_blank(header)) {
      throw Error(ErrorCode::kInvalidArgument, "CSV に見出し行がありません / the CSV file has no header row");
    }
    for (const std::string& field : header.fields) {
      if (!is_valid_utf8(field)) throw Error(ErrorCode::kInvalidArgument, not_utf8_message(field, "見出し行", "header row"));
    }
    std::set<std::string> seen;
    std::vector<std::string> unknown;  // named all at once, with the mapping lines that would read them
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
      std::string text(trim_blanks(header.fields[i]));
      // Spreadsheets often export trailing columns with no name: harmless while they stay empty.
      if (text.empty()) {
        columns_.emplace_back();
        continue;
      }
      if (!seen.insert(text).second) {
        throw column_error(text, i + 1, "同じ列名が 2 回あります", "the column appears twice");
      }
      if (!types.type_of(split_field_path(text))) {
        unknown.push_back(std::move(text));
        continue;
      }
      columns_.push_back(make_column(std::move(text), i + 1, types));
    }
    if (!unknown.empty()) throw Error(ErrorCode::kInvalidArgument, unknown_columns_message(name_, unknown), unknown.front());
  }

  // The row's ref cell, so that a row with a bad cell is still reported under its ref.
  std::optional<std::string> readable_ref() const {
    for (std::size_t i = 0; i < columns_.size() && i < row_.fields.size(); ++i) {
      if (columns_[i].header != "ref") continue;
      const std::string cell(trim_blanks(row_.fields[i]));
      if (!cell.empty() && is_valid_utf8(cell)) return cell;
    }
    return std::nullopt;
  }

  Result<nlohmann::json> build_record() const {
    if (row_.unterminated_quote) {
      return Status(ErrorCode::kInvalidArgument,
                    "引用符（\"）が閉じられないままファイルが終わりました（" + std::to_string(row_.first_line) +
                        " 行目から） / the file ends inside a quoted field that starts on line " +
                        std::to_string(row_.first_line));
    }
    // Encoding first: a Shift_JIS file is best reported as such, whatever else is wrong.
    for (std::size_t i = 0; i < row_.fields.size(); ++i) {
      if (!is_valid_utf8(row_.fields[i])) {
        return Status(ErrorCode::kInvalidArgument, not_utf8_message(row_.fields[i], "データ " + std::to_string(record_number_) + " 行目",
                                       "row " + std::to_string(record_number_)),
                      i < columns_.size() ? columns_[i].pointer : std::string());
      }
    }
    if (row_.fields.size() != columns_.size()) {
      return Status(ErrorCode::kInvalidArgument,
                    "列の数が見出しと合いません（" + std::to_string(row_.fields.size()) + " 列、見出しは " +
                        std::to_string(columns_.size()) + " 列） / the row has " + std::to_string(row_.fields.size()) +
                        " fields but the header has " + std::to_string(columns_.size()));
    }
    nlohmann::json record = nlohmann::json::object();
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      const std::string& cell = row_.fields[i];
      if (trim_blanks(cell).empty()) continue;
      if (columns_[i].header.empty()) {
        return Status(ErrorCode::kInvalidArgument,
                      std::to_string(i + 1) + " 列目に値がありますが、見出しがありません / column " +
                          std::to_string(i + 1) + " holds a value but has no header name");
      }
      Result<nlohmann::json> value = convert_csv_cell(columns_[i].type, cell);
      if (!value.is_ok()) return Status(value.status().code(), value.status().message(), columns_[i].pointer);
      if (value->is_null()) continue;
      place(record, columns_[i], std::move(value).value());
    }
    remove_array_holes(record);
    return record;
  }

  std::unique_ptr<std::istream> in_;
  CsvReader reader_;
  std::string name_;
  std::vector<CsvColumn> columns_;
  CsvRow row_;  // reused across rows
  std::size_t record_number_ = 0;
};

}  // namespace

std::unique_ptr<RecordSource> make_csv_source(std::unique_ptr<std::istream> in, std::string name,
                                              const FieldTypes& types) {
  return std::make_unique<CsvSource>(std::move(in), std::move(name), types);
}

}  // namespace itaku::detail
