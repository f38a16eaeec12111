// Writes engagement records (the JSON form of docs/records.md) as JSON Lines, CSV or an Excel
// register workbook, one record at a time; JSON Lines and CSV stream, so an export of any size
// does. Whatever is written reads back to the identical JSON record (JSON Lines and CSV through
// open_record_source()); a record that a format cannot hold exactly is refused with an
// itaku::Error, never written with a loss.
#pragma once

#include <cstddef>
#include <memory>
#include <ostream>
#include <string_view>
#include <vector>
#include <string>

#include <nlohmann/json.hpp>

#include "itaku/error.hpp"
#include "itaku/io/field_types.hpp"

namespace itaku {

class RecordWriter {
 public:
  virtual ~RecordWriter() = default;
  // Writes one record. Throws itaku::Error: kInvalidArgument when the format cannot represent the
  // record exactly (the message names the record's position and ref and the field, and suggests
  // --format jsonl; nothing of that record is written, so the output stays well-formed and the
  // caller may go on with the next record), kUnavailable when the output stream has failed.
  virtual void write(const nlohmann::json& record) = 0;
  // Writes whatever the format still owes (a CSV header when no record came) and flushes.
  // Throws itaku::Error (kUnavailable) on I/O failure.
  virtual void finish() = 0;
};

enum class RecordFormat { kJsonl, kCsv, kXlsx };

// "jsonl" | "csv" | "xlsx" (exactly); anything else is kInvalidArgument with a bilingual message.
Result<RecordFormat> parse_record_format(std::string_view name);

// How many elements of each array of objects a CSV or xlsx export has columns for. Columns are
// fixed before the first row (the CSV export streams), so a record with more elements is refused.
struct CsvArrayCapacity {
  // Tier 1 is verified every 6 months: 20 covers ten years of one engagement.
  std::size_t verifications = 20;
  // vendor.certifications: Itaku knows 7 schemes; 10 leaves room for a renewal listed twice.
  std::size_t certifications = 10;
  // Any other array of objects a plugin's section schema declares.
  std::size_t other = 10;
};

// jsonl: one compact JSON object per line (UTF-8, "\n"). csv: UTF-8 with a BOM, CRLF, RFC 4180
// quoting, a header of the dotted paths the CSV reader accepts, columns listed from `types`
// (FieldTypes::leaf_fields) with the default CsvArrayCapacity. xlsx: see make_xlsx_record_writer.
// `out` must outlive the writer (`types` is copied). Throws itaku::Error (kInvalidArgument) for
// csv and xlsx when `types` defines no field.
// csv: a column `ledger.KEY` for each of `ledger_keys` follows the schema's columns (the
// header is written before the first record, so the caller collects the keys first; a record
// with another key is refused). xlsx finds its ledger columns as it goes.
std::unique_ptr<RecordWriter> make_record_writer(RecordFormat format, std::ostream& out, const FieldTypes& types,
                                                 const std::vector<std::string>& ledger_keys = {});

// The csv writer with an explicit capacity (each count at least 1).
std::unique_ptr<RecordWriter> make_csv_record_writer(std::ostream& out, const FieldTypes& types,
                                                     const CsvArrayCapacity& capacity,
                                                     const std::vector<std::string>& ledger_keys = {});

// A register workbook (.xlsx, one sheet 登録簿): the CSV export's columns, each headed by a
// Japanese label and the dotted path in parentheses ("件名 (title)", "確認1 日付
// (verifications.0.date)"; a field without a label by its path alone), then a column "KEY
// (ledger.KEY)" per key of the `ledger` objects, in the order the keys first appear. Text,
// number, boolean and date cells (docs/records.md). The workbook is kept until finish(), which
// writes it to `out` (binary; not for a terminal). Throws itaku::Error (kUnavailable) when its
// temporary file cannot be made.
std::unique_ptr<RecordWriter> make_xlsx_record_writer(std::ostream& out, const FieldTypes& types,
                                                      const CsvArrayCapacity& capacity);

}  // namespace itaku
