// `csv` records: the exact inverse of the CSV source (csv_source.cpp). UTF-8 with a BOM (Excel
// reads a CSV without one as Shift_JIS), CRLF line ends, RFC 4180 quoting. The columns are every
// value field the schemas define (FieldTypes::leaf_fields), arrays of objects with room for a
// fixed number of elements (CsvArrayCapacity): an export streams, so the header is written before
// the first record is seen. A record the layout cannot hold exactly (more elements than columns,
// a field no schema defines, a value the reader would read back differently) is refused with
// itaku::Error rather than written with a loss; --format jsonl holds any record.
//
// Values are never altered for spreadsheets: see encode_csv_cell on formula injection.
#include <memory>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "io/csv_cells.hpp"
#include "io/csv_record_cells.hpp"
#include "io/csv_source.hpp"
#include "io/record_writers.hpp"
#include "io/text_encoding.hpp"
#include "schema/json_pointer.hpp"

namespace itaku::detail {
namespace {

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

// True when the CSV reader turns `header` back into `path`: it splits at every '.' and trims
// blanks. A schema property named "a.b" or " a" has no header that reads back; such a field gets
// no column, and a record that uses it is refused.
bool header_reads_back(const std::string& header, const std::vector<std::string>& path) {
  for (const std::string& segment : path) {
    if (segment.empty() || segment.find('.') != std::string::npos) return false;
  }
  return trim_blanks(header).size() == header.size();
}

class CsvRecordWriter final : public RecordWriter {
 public:
  CsvRecordWriter(std::ostream& out, const FieldTypes& types, const CsvArrayCapacity& capacity,
                  const std::vector<std::string>& ledger_keys)
      : out_(out), types_(types), capacity_(capacity) {
    const auto item_count = [this](const std::vector<std::string>& array_path) { return capacity_for(array_path); };
    for (FieldTypes::LeafField& field : types_.leaf_fields(item_count)) {
      std::string header = dotted(field.path);
      if (!header_reads_back(header, field.path)) continue;
      column_of_.emplace(header, headers_.size());
      headers_.push_back(std::move(header));
    }
    // The reader takes everything after "ledger." as the key (docs/ledger.md), dots included.
    for (const std::string& key : ledger_keys) {
      std::string header = "ledger." + key;
      if (key.empty() || trim_blanks(header).size() != header.size() || column_of_.contains(header)) continue;
      column_of_.emplace(header, headers_.size());
      headers_.push_back(std::move(header));
    }
    if (headers_.empty()) {
      throw Error(ErrorCode::kInvalidArgument,
                  "スキーマに項目がないため CSV の列を決められません / the schemas define no field, so there are no "
                  "CSV columns");
    }
    build_header();
    cells_.resize(headers_.size());
  }

  void write(const nlohmann::json& record) override {
    ++record_number_;
    record_ = &record;
    for (std::string& cell : cells_) cell.clear();
    path_.clear();
    if (!record.is_object()) refuse({"レコードが JSON オブジェクトではありません", "the record is not a JSON object"});
    if (record.empty()) {
      refuse({"空のレコードは CSV では読み戻せません", "an empty record does not read back from CSV"});
    }
    fill_object(record);

    write_header();
    for (std::size_t i = 0; i < cells_.size(); ++i) {
      if (i > 0) buffer_ += ',';
      append_csv_field(buffer_, cells_[i]);
    }
    buffer_ += "\r\n";
    flush_buffer();
  }

  void finish() override {
    write_header();
    out_.flush();
    check_record_output(out_);
  }

 private:
  std::size_t capacity_for(const std::vector<std::string>& array_path) const {
    if (array_path == std::vector<std::string>{"verifications"}) return capacity_.verifications;
    if (array_path == std::vector<std::string>{"vendor", "certifications"}) return capacity_.certifications;
    return capacity_.other;
  }

  // The header row is checked by the CSV reader itself, so that a layout it would refuse (an
  // array capacity beyond the indices it reads) fails here, before any record is written.
  void build_header() {
    header_ = kUtf8Bom;
    for (std::size_t i = 0; i < headers_.size(); ++i) {
      if (i > 0) header_ += ',';
      append_csv_field(header_, headers_[i]);
    }
    header_ += "\r\n";
    try {
      (void)make_csv_source(std::make_unique<std::istringstream>(header_), "", types_);
    } catch (const Error& error) {
      // The reader's message is bilingual already.
      throw Error(ErrorCode::kInvalidArgument,
                  "CSV の読み込みがこの列の構成を受け付けません（配列の件数の上限を小さくしてください） / the CSV "
                  "reader refuses this column layout (lower the array capacity): " +
                      error.status().message(),
                  error.status().path());
    }
  }

  void write_header() {
    if (header_written_) return;
    header_written_ = true;
    buffer_ += header_;
    flush_buffer();
  }

  void flush_buffer() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
    check_record_output(out_);
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
      refuse({"スキーマにない項目のため CSV の列がありません",
              "no schema defines this field, so no CSV column can hold it"});
    }
    switch (*type) {
      case FieldType::kObject:
        if (!value.is_object()) refuse(wrong_type(FieldType::kObject, value));
        if (value.empty()) {
          refuse({"空のオブジェクトは、CSV では項目なしとして読み戻されます",
                  "an empty object reads back from CSV as an absent field"});
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
    if (value.empty()) {
      refuse({"空の配列は、CSV では項目なしとして読み戻されます",
              "an empty array reads back from CSV as an absent field"});
    }
    const std::size_t capacity = capacity_for(path_);
    if (value.size() > capacity) {
      refuse(
          {"要素が " + std::to_string(value.size()) + " 個ありますが、CSV の列は " + std::to_string(capacity) +
               " 個分しかありません",
           std::to_string(value.size()) + " elements, but the CSV columns hold at most " + std::to_string(capacity)});
    }
    for (std::size_t index = 0; index < value.size(); ++index) {
      path_.push_back(std::to_string(index));
      const nlohmann::json& element = value[index];
      if (!element.is_object()) refuse(wrong_type(FieldType::kObject, element));
      // The reader drops an element whose cells are all empty, shifting the ones after it.
      if (element.empty()) {
        refuse({"空のオブジェクトは、CSV では読み戻されません", "an empty object does not read back from CSV"});
      }
      fill_object(element);
      path_.pop_back();
    }
  }

  void fill_cell(FieldType type, const nlohmann::json& value) {
    const auto column = column_of_.find(dotted(path_));
    if (column == column_of_.end()) {
      refuse({"この項目を書ける CSV の列がありません", "no CSV column can hold this field"});
    }
    if (std::optional<BilingualText> problem = encode_csv_cell(type, value, cells_[column->second])) {
      refuse(*problem);
    }
  }

  // Throws the kInvalidArgument that names the record, the field (path_) and the way out.
  [[noreturn]] void refuse(const BilingualText& why) {
    const BilingualText label = record_label(record_number_, *record_);
    const std::string field = path_.empty() ? std::string() : dotted(path_);
    const std::string field_ja = field.empty() ? std::string() : "の項目 " + field;
    const std::string field_en = field.empty() ? std::string() : ", field " + field;
    throw Error(ErrorCode::kInvalidArgument,
                label.ja + field_ja + ": " + why.ja +
                    "。CSV ではこのレコードを正確に書き出せないため、--format jsonl を使ってください / " + label.en +
                    field_en + ": " + why.en + "; CSV cannot hold this record exactly, use --format jsonl instead",
                json_pointer(path_));
  }

  std::ostream& out_;
  const FieldTypes types_;  // a copy: callers often pass a temporary
  CsvArrayCapacity capacity_;
  std::vector<std::string> headers_;                        // dotted paths, e.g. "verifications.0.date"
  std::unordered_map<std::string, std::size_t> column_of_;  // header -> index in headers_
  std::string header_;                                      // BOM and header row, CRLF-terminated
  bool header_written_ = false;

  // State of the record being written.
  std::size_t record_number_ = 0;
  const nlohmann::json* record_ = nullptr;
  std::vector<std::string> path_;
  std::vector<std::string> cells_;  // one per column; reused across records
  std::string buffer_;
};

}  // namespace
}  // namespace itaku::detail

namespace itaku {

std::unique_ptr<RecordWriter> make_csv_record_writer(std::ostream& out, const FieldTypes& types,
                                                     const CsvArrayCapacity& capacity,
                                                     const std::vector<std::string>& ledger_keys) {
  return std::make_unique<detail::CsvRecordWriter>(out, types, capacity, ledger_keys);
}

}  // namespace itaku
