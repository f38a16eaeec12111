// Office ledgers in (docs/ledger.md): the MAP.json of `itaku import LEDGER --mapping MAP.json`,
// checked against the schemas before any row is read, and the record source that reads a ledger
// (.csv in any encoding Excel writes, or .xlsx) through it: it finds the header row, turns each
// row's cells into fields the way offices write values, keeps the other columns under `ledger`,
// and sets aside rows that are not records (repeated headers, footnotes, totals), saying why.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "itaku/error.hpp"
#include "itaku/io/field_types.hpp"
#include "itaku/io/record_source.hpp"

namespace itaku {

// Where one ledger column goes.
struct ColumnTarget {
  enum class Kind { kField, kLedger, kIgnored };
  Kind kind = Kind::kLedger;
  // kField: the record field's path ({"vendor", "corporate_number"}); kLedger: the key under
  // `ledger` (the header itself unless MAP.json renames it).
  std::vector<std::string> path;
  std::string ledger_key;
};

// "CFA-{id}": literal text and column headers in turn. parts[0] is literal, parts[1] a header,
// parts[2] literal, ... (an empty literal keeps the alternation).
struct RefTemplate {
  std::vector<std::string> parts;
  std::string text;  // as written in MAP.json, for messages
};

struct LedgerMapping {
  std::vector<std::pair<std::string, ColumnTarget>> columns;  // by header as MAP.json writes it
  std::optional<RefTemplate> ref;
  std::vector<std::pair<std::vector<std::string>, nlohmann::json>> defaults;
};

// Checks `document` (MAP.json parsed) against `types`: every target a value field of the schemas
// or `ledger[.KEY]` or null, every default's path a value field, the ref template's braces
// balanced. Every problem is named at once, each with its MAP.json place.
Result<LedgerMapping> parse_ledger_mapping(const nlohmann::json& document, const FieldTypes& types);

// Reads and parses MAP.json.
Result<LedgerMapping> read_ledger_mapping(const std::string& path, const FieldTypes& types);


// A row that is not a record, with why, for the import summary.
struct SkippedRow {
  std::size_t row = 0;  // as the spreadsheet numbers it
  std::string why_ja;
  std::string why_en;
  std::string text;  // its first non-empty cell, cut short
};

// What the import summary says about one ledger.
struct LedgerReadInfo {
  std::string encoding;  // a CSV's encoding as detected; "" for a workbook
  std::string sheet;     // a workbook's sheet; "" for a CSV
  std::size_t header_row = 0;
  std::vector<std::string> ledger_columns;   // headers kept under `ledger`
  std::vector<std::string> ignored_columns;  // headers MAP.json maps to null
  std::vector<SkippedRow> skipped;
};

class LedgerSource : public RecordSource {
 public:
  // What has been read so far; complete once next() has returned nullopt.
  virtual const LedgerReadInfo& info() const = 0;
};

// Opens `path` (.csv or .xlsx, by extension) with `mapping`; without one, the headers must be
// Itaku's own ("件名 (title)" or "title", as `itaku export --format xlsx` writes them). Every
// problem with the columns is named at once (kInvalidArgument); kNotFound for a missing file.
Result<std::unique_ptr<LedgerSource>> open_ledger_source(const std::string& path, const LedgerMapping* mapping,
                                                         const std::optional<std::string>& sheet, const FieldTypes& types);

// Why `headers` cannot be read without a mapping: all of them named at once, with the MAP.json
// lines that would map them (a guessed field, else "ledger").
std::string unknown_columns_message(const std::string& name, const std::vector<std::string>& headers);

// True for a file open_ledger_source() reads without a mapping (.xlsx).
bool is_workbook(const std::string& path);

}  // namespace itaku
