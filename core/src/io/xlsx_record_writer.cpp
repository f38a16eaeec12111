// `xlsx` records: a register workbook (one sheet, 登録簿) that a clerk can open, filter and
// print, and that imports back to the same records. One row per record. The columns are those
// of the CSV export (FieldTypes::leaf_fields, arrays of objects with room for CsvArrayCapacity
// elements), each headed "件名 (title)": a Japanese label (field_labels.hpp), then the dotted
// path in ASCII parentheses, which is what a reader goes by. The `ledger` object's keys (the
// source ledger's own columns) follow, a column "KEY (ledger.KEY)" added the first time a key
// appears.
//
// Cells keep their type: text as text (refs and 法人番号 too, so Excel never shows 4.01E+12 or
// drops a leading zero), integers and numbers as numbers, booleans as booleans, dates as date
// cells shown yyyy-mm-dd. A record the workbook cannot hold exactly is refused with
// itaku::Error and nothing of it is written: text longer than a cell holds (32,767
// characters), more array elements than columns, a number a cell would round, a date before
// 1900-03-01, or what the CSV export refuses for the same reason (encode_csv_cell: blank text,
// null, a list item with ';').
//
// libxlsxwriter keeps the cells in memory until finish() writes the workbook: unlike jsonl and
// csv, this export does not stream.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "io/csv_record_cells.hpp"
#include "io/field_labels.hpp"
#include "io/record_writers.hpp"
#include "schema/json_pointer.hpp"
#include "xlsx/xlsx_cells.hpp"
#include "xlsx/xlsx_sheet.hpp"
#include "xlsx/xlsx_workbook.hpp"

namespace itaku::detail {
namespace {

constexpr std::string_view kSheetName = "登録簿";
constexpr std::string_view kLedger = "ledger";
// A cell holds a double: integers beyond 2^53 would be rounded.
constexpr double kLargestExactInteger = 9007199254740992.0;

std::string dotted(const std::vector<std::string>& path) {
  std::string text;
  for (const std::string& segment : path) {
    if (!text.empty()) text += '.';
    text += segment;
  }
  return text;
}

std::string json_pointer(const std::vector<std::string>& path) {
  std::string pointer;
  for (const std::string& segment : path) append_pointer_segment(pointer, segment);
  return pointer;
}

// A reader finds the path in the "(...)" that ends a header and splits it at '.': a schema
// property named "a.b" or "a)" would not read back, so such a field gets no column (and a
// record that uses it is refused).
bool path_reads_back(const std::vector<std::string>& path) {
  for (const std::string& segment : path) {
    if (segment.empty() || segment.find_first_of(".() \t") != std::string::npos) return false;
  }
  return true;
}

// The decimal text libxlsxwriter writes for a number ("%.16G"), and whether it reads back as
// the same double.
bool number_reads_back(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.16G", value);
  return std::strtod(text, nullptr) == value;
}

class XlsxRecordWriter final : public RecordWriter {
 public:
  XlsxRecordWriter(std::ostream& out, const FieldTypes& types, const CsvArrayCapacity& capacity)
      : out_(out), types_(types), capacity_(capacity), sheet_(book_, kSheetName) {
    const auto item_count = [this](const std::vector<std::string>& array_path) { return capacity_for(array_path); };
    for (const FieldTypes::LeafField& field : types_.leaf_fields(item_count)) {
      if (!path_reads_back(field.path)) continue;
      const auto column = static_cast<lxw_col_t>(columns_);
      column_of_.emplace(dotted(field.path), column);
      sheet_.header(column, labelled_header(field.path));
      ++columns_;
    }
    if (columns_ == 0) {
      throw Error(ErrorCode::kInvalidArgument,
                  "スキーマに項目がないため Excel ブックの列を決められません / the schemas define no field, so there "
                  "are no workbook columns");
    }
  }

  void write(const nlohmann::json& record) override {
    ++record_number_;
    record_ = &record;
    cells_.clear();
    new_ledger_keys_.clear();
    path_.clear();
    if (!record.is_object()) refuse({"レコードが JSON オブジェクトではありません", "the record is not a JSON object"});
    if (record.empty()) refuse({"空のレコードは Excel ブックから読み戻せません", "an empty record does not read back"});
    if (rows_ + 1 >= LXW_ROW_MAX) {
      refuse({"Excel のシートは 1,048,576 行までです", "an Excel sheet holds at most 1,048,576 rows"});
    }
    fill_object(record);

    // Only now, with the whole record accepted, does anything of it reach the sheet.
    for (const std::string& key : new_ledger_keys_) {
      sheet_.header(ledger_column_of_.at(key), key + " (" + std::string(kLedger) + "." + key + ")");
    }
    const lxw_row_t row = ++rows_;
    for (const Cell& cell : cells_) {
      switch (cell.kind) {
        case Cell::kText: sheet_.text(row, cell.column, cell.text); break;
        case Cell::kNumber: sheet_.number(row, cell.column, cell.number); break;
        case Cell::kBoolean: sheet_.boolean(row, cell.column, cell.flag); break;
        case Cell::kDate: sheet_.date(row, cell.column, cell.date); break;
      }
    }
  }

  void finish() override {
    sheet_.finish();
    book_.close_to(out_);
    check_record_output(out_);
  }

 private:
  // One cell of the record being written, kept until the whole record is accepted.
  struct Cell {
    enum Kind { kText, kNumber, kBoolean, kDate };
    lxw_col_t column = 0;
    Kind kind = kText;
    std::string text;
    double number = 0;
    bool flag = false;
    Date date;
  };

  std::size_t capacity_for(const std::vector<std::string>& array_path) const {
    if (array_path == std::vector<std::string>{"verifications"}) return capacity_.verifications;
    if (array_path == std::vector<std::string>{"vendor", "certifications"}) return capacity_.certifications;
    return capacity_.other;
  }

  void fill_object(const nlohmann::json& object) {
    for (const auto& [key, value] : object.items()) {
      path_.push_back(key);
      fill_value(value);
      path_.pop_back();
    }
  }

  void fill_value(const nlohmann::json& value) {
    const std::optional<FieldType> type = types_.type_of(path_);
    if (!type) {
      refuse({"スキーマにない項目のため Excel ブックの列がありません",
              "no schema defines this field, so no workbook column can hold it"});
    }
    switch (*type) {
      case FieldType::kObject:
        if (!value.is_object()) refuse(wrong_type(FieldType::kObject, value));
        if (value.empty()) {
          refuse({"空のオブジェクトは、項目なしとして読み戻されます", "an empty object reads back as an absent field"});
        }
        fill_object(value);
        return;
      case FieldType::kObjectArray:
        fill_object_array(value);
        return;
      default:
        fill_cell(*type, value);
        return;
    }
  }

  void fill_object_array(const nlohmann::json& value) {
    if (!value.is_array()) refuse(wrong_type(FieldType::kObjectArray, value));
    if (value.empty()) refuse({"空の配列は、項目なしとして読み戻されます", "an empty array reads back as an absent field"});
    const std::size_t capacity = capacity_for(path_);
    if (value.size() > capacity) {
      refuse({"要素が " + std::to_string(value.size()) + " 個ありますが、Excel ブックの列は " +
                  std::to_string(capacity) + " 個分しかありません",
              std::to_string(value.size()) + " elements, but the workbook's columns hold at most " +
                  std::to_string(capacity)});
    }
    for (std::size_t index = 0; index < value.size(); ++index) {
      path_.push_back(std::to_string(index));
      const nlohmann::json& element = value[index];
      if (!element.is_object()) refuse(wrong_type(FieldType::kObject, element));
      // A reader drops an element whose cells are all empty, shifting the ones after it.
      if (element.empty()) refuse({"空のオブジェクトは読み戻されません", "an empty object does not read back"});
      fill_object(element);
      path_.pop_back();
    }
  }

  void fill_cell(FieldType type, const nlohmann::json& value) {
    Cell cell;
    cell.column = column_for_path();
    // The CSV export's rules for what reads back (blank text, null, ';' in a list item), and
    // the text of a list ("OUT-02;OUT-03"), which a reader splits the same way.
    if (std::optional<BilingualText> problem = encode_csv_cell(type, value, cell.text)) refuse(*problem);
    switch (type) {
      case FieldType::kInteger:
        if (std::fabs(value.get<double>()) > kLargestExactInteger) {
          refuse({"2^53 を超える整数は Excel のセルでは丸められます", "a cell would round an integer beyond 2^53"});
        }
        cell.kind = Cell::kNumber;
        cell.number = value.get<double>();
        break;
      case FieldType::kNumber:
        cell.kind = Cell::kNumber;
        cell.number = value.get<double>();
        if (!number_reads_back(cell.number)) {
          refuse({"この数値は Excel のセルでは丸められます（有効数字 16 桁まで）",
                  "a cell would round this number (it keeps 16 significant digits)"});
        }
        break;
      case FieldType::kBoolean:
        cell.kind = Cell::kBoolean;
        cell.flag = value.get<bool>();
        break;
      default:
        if (types_.is_date(path_)) {
          set_date(cell);
        } else {
          check_text(cell.text);
        }
        break;
    }
    cells_.push_back(std::move(cell));
  }

  // A schema column, or the ledger key's column (made for the first record that has the key).
  lxw_col_t column_for_path() {
    if (path_.size() == 2 && path_.front() == kLedger) {
      const std::string& key = path_.back();
      if (const auto found = ledger_column_of_.find(key); found != ledger_column_of_.end()) return found->second;
      if (columns_ >= LXW_COL_MAX) {
        refuse({"Excel のシートは 16,384 列までです", "an Excel sheet holds at most 16,384 columns"});
      }
      const auto column = static_cast<lxw_col_t>(columns_++);
      ledger_column_of_.emplace(key, column);
      new_ledger_keys_.push_back(key);
      return column;
    }
    const auto found = column_of_.find(dotted(path_));
    if (found == column_of_.end()) refuse({"この項目を書ける列がありません", "no workbook column can hold this field"});
    return found->second;
  }

  void set_date(Cell& cell) {
    const std::optional<Date> date = Date::parse(cell.text);
    if (!date) {
      refuse({"日付の項目ですが、実在する日付 YYYY-MM-DD ではありません",
              "a date field whose value is not a real date YYYY-MM-DD"});
    }
    if (!excel_date(*date)) {
      refuse({"Excel の日付は 1900-03-01 以降です", "an Excel date cell holds dates from 1900-03-01 on"});
    }
    cell.kind = Cell::kDate;
    cell.date = *date;
  }

  void check_text(const std::string& text) {
    if (!escape_cell_text(text, escaped_)) {
      refuse({"Excel のセルに書けない文字（U+FFFE, U+FFFF）があります",
              "the text has characters a cell cannot hold (U+FFFE, U+FFFF)"});
    }
    if (!fits_in_cell(escaped_)) {
      refuse({"Excel のセルは 32,767 文字までです", "an Excel cell holds at most 32,767 characters"});
    }
  }

  // Throws the kInvalidArgument that names the record, the field (path_) and the way out. Like
  // a refusal of the CSV export, it leaves the workbook as it was, so the caller may go on.
  [[noreturn]] void refuse(const BilingualText& why) {
    // The ledger keys counted for this record get no column after all.
    for (const std::string& key : new_ledger_keys_) ledger_column_of_.erase(key);
    columns_ -= new_ledger_keys_.size();
    new_ledger_keys_.clear();
    const BilingualText label = record_label(record_number_, *record_);
    const std::string field = path_.empty() ? std::string() : dotted(path_);
    const std::string field_ja = field.empty() ? std::string() : "の項目 " + field;
    const std::string field_en = field.empty() ? std::string() : ", field " + field;
    throw Error(ErrorCode::kInvalidArgument,
                label.ja + field_ja + ": " + why.ja +
                    "。Excel ブックではこのレコードを正確に書き出せないため、--format jsonl を使ってください / " +
                    label.en + field_en + ": " + why.en +
                    "; a workbook cannot hold this record exactly, use --format jsonl instead",
                json_pointer(path_));
  }

  std::ostream& out_;
  const FieldTypes types_;  // a copy: callers often pass a temporary
  CsvArrayCapacity capacity_;
  XlsxWorkbook book_;
  XlsxSheet sheet_;
  std::unordered_map<std::string, lxw_col_t> column_of_;   // dotted path -> column
  std::map<std::string, lxw_col_t> ledger_column_of_;      // ledger key -> column
  std::size_t columns_ = 0;
  lxw_row_t rows_ = 0;

  // State of the record being written.
  std::size_t record_number_ = 0;
  const nlohmann::json* record_ = nullptr;
  std::vector<std::string> path_;
  std::vector<Cell> cells_;
  std::vector<std::string> new_ledger_keys_;
  std::string escaped_;
};

}  // namespace
}  // namespace itaku::detail

namespace itaku {

std::unique_ptr<RecordWriter> make_xlsx_record_writer(std::ostream& out, const FieldTypes& types,
                                                      const CsvArrayCapacity& capacity) {
  return std::make_unique<detail::XlsxRecordWriter>(out, types, capacity);
}

}  // namespace itaku
