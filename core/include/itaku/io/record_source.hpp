// Reads engagement records from files (JSON Lines, JSON, CSV) or stdin, one at a time, so a
// review of a million records never holds them all.
#pragma once

#include <cstddef>
#include <filesystem>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "itaku/error.hpp"
#include "itaku/io/field_types.hpp"

namespace itaku {

struct SourceRecord {
  SourceRecord() = default;
  SourceRecord(std::size_t record_number, Result<nlohmann::json> parsed)
      : number(record_number), json(std::move(parsed)) {}
  // A record whose parsing is left to parse_deferred().
  static SourceRecord deferred(std::size_t record_number, std::string text) {
    SourceRecord record;
    record.number = record_number;
    record.deferred_text = std::move(text);
    return record;
  }

  std::size_t number = 0;  // 1-based record number; the line number for JSON Lines
  // The record as JSON, or why it could not be read (bad JSON, bad CSV cell): such a record
  // is reported invalid and the source goes on with the next one.
  Result<nlohmann::json> json = Status(ErrorCode::kInvalidArgument, "not read");
  // Set instead of `json` by a source whose parsing was deferred (defer_parsing()): the raw
  // text, parsed later by parse_deferred(), possibly on another thread.
  std::optional<std::string> deferred_text;
  // For a record that could not be read: its `ref`, when the source could still make it out.
  std::optional<std::string> ref;
  // Where the record's text is, for a source that can say (a .json document): a problem is then
  // reported at the line and column of the field at fault. Shared by the document's records.
  std::shared_ptr<const std::string> document;
  std::size_t document_offset = 0;  // where the record starts in `document`
  std::size_t line = 0;             // its 1-based line and column there; 0 when unknown
  std::size_t column = 0;
  // A ledger row (docs/ledger.md) reports every bad cell at once. With `json` an error: the
  // problems after its one. With `json` a record (the row without its bad cells): the cells'
  // problems, reported with what the schemas find in the rest; the record is invalid.
  std::vector<Status> further_errors;
  // Where the record's fields came from in a ledger, so that a problem names the column and the
  // cell as the clerk wrote it.
  struct CellOrigin {
    std::string pointer;  // JSON Pointer of the field, e.g. "/vendor/corporate_number"
    std::string column;   // the ledger's column header
    std::string text;     // the cell as written
  };
  std::vector<CellOrigin> origins;
};

// Parses a deferred record in place, with the same messages its source would have given;
// does nothing for a record that was parsed already.
void parse_deferred(SourceRecord& record);

class RecordSource {
 public:
  virtual ~RecordSource() = default;
  // The next record; nullopt at the end. Throws itaku::Error when the source as a whole is
  // unreadable (I/O error, not a JSON array, CSV header unusable).
  virtual std::optional<SourceRecord> next() = 0;
  // "-" for stdin, else the file name as given.
  virtual const std::string& name() const = 0;
  // Asks the source to hand out raw text (SourceRecord::deferred_text) instead of parsed JSON,
  // so that parsing can run on worker threads. Sources that cannot defer ignore it.
  virtual void defer_parsing() {}
};

// By extension: .jsonl/.ndjson, .json, .csv; "-" is JSON Lines on stdin. Errors: kNotFound
// (missing file), kInvalidArgument (unknown extension, unreadable header).
Result<std::unique_ptr<RecordSource>> open_record_source(const std::string& path, const FieldTypes& csv_types);
std::unique_ptr<RecordSource> make_jsonl_source(std::istream& in, std::string name);
// A source for an input that could not be opened: its first next() throws Error(why), so a
// review reports the failure in the input's place (record 1) like any source failing part-way.
std::unique_ptr<RecordSource> make_failed_source(std::string name, Status why);

}  // namespace itaku
