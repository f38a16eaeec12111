// Record format names, the choice of writer, and what the writers share.
#include "io/record_writers.hpp"

#include "io/text_encoding.hpp"

namespace itaku {

Result<RecordFormat> parse_record_format(std::string_view name) {
  if (name == "jsonl") return RecordFormat::kJsonl;
  if (name == "csv") return RecordFormat::kCsv;
  if (name == "xlsx") return RecordFormat::kXlsx;
  return Status(ErrorCode::kInvalidArgument, "不明なレコード形式です（jsonl, csv, xlsx のいずれか） / unknown record format '" +
                                                 std::string(name) + "' (expected jsonl, csv or xlsx)");
}

std::unique_ptr<RecordWriter> make_record_writer(RecordFormat format, std::ostream& out, const FieldTypes& types,
                                                 const std::vector<std::string>& ledger_keys) {
  switch (format) {
    case RecordFormat::kJsonl:
      return detail::make_jsonl_record_writer(out);
    case RecordFormat::kCsv:
      return make_csv_record_writer(out, types, CsvArrayCapacity{}, ledger_keys);
    case RecordFormat::kXlsx:
      return make_xlsx_record_writer(out, types, CsvArrayCapacity{});
  }
  throw Error(ErrorCode::kInternal, "unknown RecordFormat value");
}

}  // namespace itaku

namespace itaku::detail {
namespace {

// Refs are at most 64 characters by the schema; an unvalidated one could be any length.
constexpr std::size_t kMaxShownRefChars = 64;

std::string shortened(const std::string& text) {
  std::size_t chars = 0;
  std::size_t end = 0;
  while (end < text.size() && chars < kMaxShownRefChars) {
    ++end;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    ++chars;
  }
  return end < text.size() ? text.substr(0, end) + "…" : text;
}

}  // namespace

BilingualText record_label(std::size_t number, const nlohmann::json& record) {
  const std::string position = std::to_string(number);
  if (record.is_object()) {
    const auto ref = record.find("ref");
    if (ref != record.end() && ref->is_string() && is_valid_utf8(ref->get_ref<const std::string&>())) {
      const std::string shown = shortened(ref->get_ref<const std::string&>());
      return {"レコード " + position + "（ref '" + shown + "'）", "record " + position + " (ref '" + shown + "')"};
    }
  }
  return {"レコード " + position + "（ref なし）", "record " + position + " (no ref)"};
}

void check_record_output(const std::ostream& out) {
  if (!out) {
    throw Error(ErrorCode::kUnavailable,
                "レコードを書き込めません（ディスク容量や出力先を確認してください） / "
                "cannot write the records (check disk space and the output destination)");
  }
}

}  // namespace itaku::detail
