#include "itaku/io/ledger.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>

#include "io/ledger_csv.hpp"
#include "io/ledger_headers.hpp"
#include "io/office_values.hpp"
#include "io/xlsx_reader.hpp"
#include "schema/json_pointer.hpp"
#include "text/utf8.hpp"

namespace itaku {
namespace {

using namespace detail;  // NOLINT: the readers of office values and sheets

// A header row is looked for among the first rows only: a ledger's title and notes sit above it.
constexpr std::size_t kHeaderSearchRows = 30;
constexpr std::size_t kShownTextBytes = 60;
// The validator's limit on any field name (schema/record_limits.hpp), said once per column here
// rather than once per row there.
constexpr std::size_t kMaxLedgerKeyCharacters = 100;

std::size_t utf8_characters(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string lowercase_extension(const std::string& path) {
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension;
}

// "A", "B", ..., "Z", "AA": how Excel names the column at `index` (0-based).
std::string column_letters(std::size_t index) {
  std::string letters;
  for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  return letters;
}

std::string shortened(std::string_view text) {
  if (text.size() <= kShownTextBytes) return std::string(text);
  std::size_t cut = kShownTextBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "…";
}

// The header as a ledger key: as written, without surrounding blanks, its line breaks as spaces.
std::string ledger_key_of(std::string_view header) {
  std::string key = read_office_text(header);
  std::replace(key.begin(), key.end(), '\n', ' ');
  return key;
}

const std::string& cell_at(const SheetRow& row, std::size_t index) {
  static const std::string kEmpty;
  return index < row.cells.size() ? row.cells[index] : kEmpty;
}

bool blank(std::string_view cell) { return trim_office_blanks(cell).empty(); }

// Text a person puts in a ledger row that is not a contract: footnotes (※, 注), totals.
bool starts_like_a_note(std::string_view cell) {
  const std::string text(trim_office_blanks(cell));
  for (std::string_view marker : {"※", "＊", "*", "注", "（注", "(注", "備考"}) {
    if (text.rfind(marker, 0) == 0) return true;
  }
  for (std::string_view total : {"合計", "小計", "総計", "計"}) {
    if (header_key(text) == total) return true;
  }
  return false;
}

// A record field a ledger column fills, with what reading its cells needs.
struct FieldColumn {
  std::size_t index = 0;
  std::string header;
  std::vector<std::string> path;
  std::string pointer;
  FieldType type = FieldType::kString;
  bool date = false;
  std::optional<std::size_t> digits;
};

struct LedgerColumn {
  std::size_t index = 0;
  std::string key;
};

struct RefPart {
  std::string literal;                  // text before the column
  std::optional<std::size_t> column;    // the column whose cell follows, none for the tail
  std::string header;
};

// Everything the columns of one ledger say, resolved against its header row.
struct ResolvedColumns {
  std::vector<FieldColumn> fields;
  std::vector<LedgerColumn> ledger;
  std::vector<RefPart> ref;  // empty when a column maps to "ref"
  std::vector<std::pair<std::string, nlohmann::json>> defaults;  // pointer, value
  std::vector<std::string> header_keys;  // by column, for recognising a repeated header row
};

std::string pointer_of(const std::vector<std::string>& path) {
  std::string pointer;
  for (const auto& segment : path) append_pointer_segment(pointer, segment);
  return pointer;
}

FieldColumn field_column(std::size_t index, std::string header, std::vector<std::string> path, const FieldTypes& types) {
  FieldColumn column;
  column.index = index;
  column.header = std::move(header);
  column.type = types.type_of(path).value_or(FieldType::kString);
  column.date = types.is_date(path);
  column.digits = types.digit_count(path);
  column.pointer = pointer_of(path);
  column.path = std::move(path);
  return column;
}

// A NUL would cut the text short in the store and in every report: refused, never kept.
constexpr const char* kNulMessage =
    "文字列に NUL 文字（U+0000）は使えません / text must not contain the NUL character (U+0000)";

// A field an office ledger column is commonly called, for the mapping lines an error suggests.
std::string guessed_target(std::string_view header) {
  static const std::vector<std::pair<std::vector<std::string_view>, std::string_view>> kGuesses = {
      {{"件名", "契約件名", "契約名", "業務名", "委託業務名", "contract_name", "title"}, "title"},
      {{"所管課", "担当課", "所属", "部署", "契約担当課", "contracting_dept", "department"}, "department"},
      {{"契約日", "契約締結日", "契約年月日", "契約開始日", "履行期間開始", "contract_date", "start_date"}, "period.start"},
      {{"契約終了日", "履行期限", "履行期間終了", "end_date"}, "period.end"},
      {{"業者名", "契約相手方", "相手方", "委託先", "受託者", "事業者名", "商号又は名称", "vendor_name", "vendor"}, "vendor.name"},
      {{"法人番号", "corporate_number"}, "vendor.corporate_number"},
      {{"契約番号", "管理番号", "番号", "id", "No", "No."}, "ref"},
  };
  const std::string key = header_key(header);
  for (const auto& [names, target] : kGuesses) {
    for (std::string_view name : names) {
      if (key == header_key(name)) return std::string(target);
    }
  }
  return "ledger";
}

// The path a header names without a mapping: "title", or "件名 (title)" as Itaku writes them.
std::optional<std::vector<std::string>> own_field(std::string_view header, const FieldTypes& types) {
  std::string text(trim_office_blanks(header));
  if (!text.empty() && text.back() == ')') {
    const std::size_t open = text.rfind('(');
    if (open != std::string::npos) text = text.substr(open + 1, text.size() - open - 2);
  }
  std::vector<std::string> path = split_field_path(text);
  const std::optional<FieldType> type = types.type_of(path);
  if (!type || *type == FieldType::kObject || *type == FieldType::kObjectArray) return std::nullopt;
  return path;
}

// The key of a ledger column as Itaku writes it: "ledger.KEY" in a CSV, "KEY (ledger.KEY)" in a
// workbook. The key is read from the header's length, so a key holding "(ledger." itself comes back.
std::optional<std::string> exported_ledger_key(const std::string& header) {
  constexpr std::string_view kPrefix = "ledger.", kInfix = " (ledger.";
  if (header.rfind(kPrefix, 0) == 0) return header.substr(kPrefix.size());
  if (header.size() < kInfix.size() + 1 || header.back() != ')' || (header.size() - kInfix.size() - 1) % 2 != 0) {
    return std::nullopt;
  }
  const std::size_t length = (header.size() - kInfix.size() - 1) / 2;
  const std::string key = header.substr(0, length);
  if (key.empty() || header.compare(length, kInfix.size(), kInfix) != 0 ||
      header.compare(length + kInfix.size(), length, key) != 0) {
    return std::nullopt;
  }
  return key;
}

Status column_problems(const std::string& name, const std::vector<std::string>& ja, const std::vector<std::string>& en) {
  std::string text_ja = name + ": ", text_en = name + ": ";
  for (std::size_t i = 0; i < ja.size(); ++i) {
    text_ja += (i ? "\n  " : "") + ja[i];
    text_en += (i ? "\n  " : "") + en[i];
  }
  return Status(ErrorCode::kInvalidArgument, text_ja + "\n / " + text_en);
}

class ColumnResolver {
 public:
  ColumnResolver(const SheetTable& table, const std::string& name, const FieldTypes& types)
      : table_(table), name_(name), types_(types) {}

  // With MAP.json: the header row is the early row naming most of its headers.
  Result<std::pair<std::size_t, ResolvedColumns>> with_mapping(const LedgerMapping& mapping, LedgerReadInfo& info) {
    std::vector<std::string> wanted;
    for (const auto& [header, target] : mapping.columns) wanted.push_back(header_key(header));
    if (mapping.ref) {
      for (std::size_t i = 1; i < mapping.ref->parts.size(); i += 2) wanted.push_back(header_key(mapping.ref->parts[i]));
    }
    std::size_t best_row = 0, best_score = 0;
    for (std::size_t r = 0; r < table_.rows.size() && r < kHeaderSearchRows; ++r) {
      std::set<std::string> present;
      for (const auto& cell : table_.rows[r].cells) present.insert(header_key(cell));
      const auto score = static_cast<std::size_t>(std::count_if(wanted.begin(), wanted.end(), [&](const std::string& key) { return present.contains(key); }));
      if (score > best_score) {
        best_score = score;
        best_row = r;
      }
    }
    if (best_score == 0) {
      return Status(ErrorCode::kInvalidArgument,
                    name_ + ": 対応付けファイルの見出しを含む行が、最初の " + std::to_string(kHeaderSearchRows) +
                        " 行にありません。台帳の見出しと MAP.json の columns の名前を比べてください / " + name_ +
                        ": none of the first " + std::to_string(kHeaderSearchRows) +
                        " rows holds the mapping's headers: compare the ledger's header row with MAP.json's \"columns\"");
    }
    const SheetRow& header = table_.rows[best_row];
    std::map<std::string, std::size_t> index_of;  // header key -> first column with it
    for (std::size_t i = 0; i < header.cells.size(); ++i) index_of.emplace(header_key(header.cells[i]), i);

    ResolvedColumns resolved;
    std::vector<std::string> problems_ja, problems_en;
    std::vector<bool> used(header.cells.size(), false);
    auto missing = [&](const std::string& header_text, std::string_view where) {
      problems_ja.push_back(std::string(where) + " の見出し「" + header_text + "」が " + std::to_string(header.number) +
                            " 行目の見出しにありません（見出し: " + listed(header.cells) + "）");
      problems_en.push_back(std::string(where) + " header '" + header_text + "' is not in the header row " +
                            std::to_string(header.number) + " (headers: " + listed(header.cells) + ")");
    };
    for (const auto& [header_text, target] : mapping.columns) {
      const auto found = index_of.find(header_key(header_text));
      if (found == index_of.end()) {
        // Dropping a column the ledger does not have is no loss: one MAP.json serves several years.
        if (target.kind != ColumnTarget::Kind::kIgnored) missing(header_text, "columns");
        continue;
      }
      used[found->second] = true;
      if (target.kind == ColumnTarget::Kind::kField) {
        resolved.fields.push_back(field_column(found->second, header.cells[found->second], target.path, types_));
      } else if (target.kind == ColumnTarget::Kind::kLedger) {
        resolved.ledger.push_back({found->second, ledger_key_of(target.ledger_key)});
        info.ledger_columns.push_back(resolved.ledger.back().key);
      } else {
        info.ignored_columns.push_back(ledger_key_of(header.cells[found->second]));
      }
    }
    const bool ref_mapped = std::any_of(resolved.fields.begin(), resolved.fields.end(),
                                        [](const FieldColumn& column) { return column.pointer == "/ref"; });
    if (mapping.ref) {
      if (ref_mapped) {
        problems_ja.push_back("ref は columns の列と ref の作り方の両方で決められています。どちらか一方にしてください");
        problems_en.push_back("the ref is given both by a column mapped to \"ref\" and by \"ref\": keep one");
      }
      for (std::size_t i = 0; i < mapping.ref->parts.size(); i += 2) {
        RefPart part{mapping.ref->parts[i], std::nullopt, {}};
        if (i + 1 < mapping.ref->parts.size()) {
          const std::string& ref_header = mapping.ref->parts[i + 1];
          const auto found = index_of.find(header_key(ref_header));
          if (found == index_of.end()) {
            missing(ref_header, "ref");
          } else {
            part.column = found->second;
            part.header = header.cells[found->second];
            used[found->second] = true;
          }
        }
        resolved.ref.push_back(std::move(part));
      }
    } else if (!ref_mapped) {
      problems_ja.push_back("参照番号（ref）の作り方がありません。MAP.json に \"ref\": \"CFA-{id}\" のように書くか、"
                            "columns で列を \"ref\" に対応付けてください");
      problems_en.push_back("nothing makes the ref: add \"ref\": \"CFA-{id}\" to MAP.json, or map a column to \"ref\"");
    }
    // Every other column is kept, not lost: under `ledger`, by its header.
    std::set<std::string> keys;
    for (const auto& column : resolved.ledger) keys.insert(column.key);
    for (std::size_t i = 0; i < header.cells.size(); ++i) {
      if (used[i]) continue;
      std::string key = blank(header.cells[i]) ? column_letters(i) + "列" : ledger_key_of(header.cells[i]);
      if (!keys.insert(key).second) key += "（" + column_letters(i) + "列）";
      keys.insert(key);
      resolved.ledger.push_back({i, key});
      info.ledger_columns.push_back(key);
    }
    for (const auto& column : resolved.ledger) {
      if (utf8_characters(column.key) <= kMaxLedgerKeyCharacters) continue;
      problems_ja.push_back("列「" + shortened(column.key) + "」の見出しは ledger の名前として長すぎます（" +
                            std::to_string(kMaxLedgerKeyCharacters) + " 文字まで）。MAP.json の columns に \"" +
                            shortened(column.key) + "\": \"ledger.短い名前\" または null を加えてください");
      problems_en.push_back("the header '" + shortened(column.key) + "' is too long for a ledger key (at most " +
                            std::to_string(kMaxLedgerKeyCharacters) +
                            " characters): map it in MAP.json to \"ledger.SHORT NAME\" or null");
    }
    if (!problems_ja.empty()) return column_problems(name_, problems_ja, problems_en);
    for (const auto& [path, value] : mapping.defaults) resolved.defaults.emplace_back(pointer_of(path), value);
    // A row's problems are then listed left to right, as the clerk reads the row.
    std::sort(resolved.fields.begin(), resolved.fields.end(),
              [](const FieldColumn& a, const FieldColumn& b) { return a.index < b.index; });
    resolved.header_keys = header_keys(header);
    return std::pair{best_row, std::move(resolved)};
  }

  // Without MAP.json: Itaku's own headers, as an exported register has them.
  Result<std::pair<std::size_t, ResolvedColumns>> own_columns() {
    std::size_t header_row = table_.rows.size();
    for (std::size_t r = 0; r < table_.rows.size() && r < kHeaderSearchRows; ++r) {
      const auto& cells = table_.rows[r].cells;
      if (std::any_of(cells.begin(), cells.end(), [&](const std::string& cell) { return own_field(cell, types_).has_value(); })) {
        header_row = r;
        break;
      }
    }
    if (header_row == table_.rows.size()) {
      return Status(ErrorCode::kInvalidArgument,
                    name_ + ": Itaku の項目名の見出し（\"title\" や \"件名 (title)\"）がありません。事務の台帳なら "
                            "--mapping MAP.json で列を対応付けてください（docs/ledger.md） / " +
                        name_ + ": no header names an Itaku field (\"title\" or \"件名 (title)\"); for an office "
                                "ledger, map its columns with --mapping MAP.json (docs/ledger.md)");
    }
    const SheetRow& header = table_.rows[header_row];
    ResolvedColumns resolved;
    std::vector<std::string> unknown;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < header.cells.size(); ++i) {
      const std::string& text = header.cells[i];
      if (blank(text)) continue;
      if (std::optional<std::string> key = exported_ledger_key(text)) {
        resolved.ledger.push_back({i, std::move(*key)});
        continue;
      }
      auto path = own_field(text, types_);
      if (!path) {
        unknown.push_back(text);
        continue;
      }
      if (!seen.insert(pointer_of(*path)).second) {
        return Status(ErrorCode::kInvalidArgument, name_ + ": 同じ項目の列が 2 つあります: " + text + " / " + name_ +
                                                       ": two columns hold the same field: " + text);
      }
      resolved.fields.push_back(field_column(i, text, std::move(*path), types_));
    }
    if (!unknown.empty()) return Status(ErrorCode::kInvalidArgument, unknown_columns_message(name_, unknown));
    resolved.header_keys = header_keys(header);
    return std::pair{header_row, std::move(resolved)};
  }

 private:
  static std::vector<std::string> header_keys(const SheetRow& header) {
    std::vector<std::string> keys;
    for (const auto& cell : header.cells) keys.push_back(header_key(cell));
    return keys;
  }

  static std::string listed(const std::vector<std::string>& cells) {
    std::string text;
    for (const auto& cell : cells) {
      if (blank(cell)) continue;
      if (text.size() > 300) return text + ", …";
      text += (text.empty() ? "" : ", ") + shortened(ledger_key_of(cell));
    }
    return text;
  }

  const SheetTable& table_;
  const std::string& name_;
  const FieldTypes& types_;
};

class LedgerRowSource final : public LedgerSource {
 public:
  LedgerRowSource(std::string name, SheetTable table, std::size_t header_row, ResolvedColumns columns, LedgerReadInfo info)
      : name_(std::move(name)), table_(std::move(table)), next_row_(header_row + 1), columns_(std::move(columns)),
        info_(std::move(info)) {
    for (const auto& column : columns_.fields) mapped_columns_.insert(column.index);
    for (const auto& part : columns_.ref) {
      if (part.column) mapped_columns_.insert(*part.column);
    }
  }

  std::optional<SourceRecord> next() override {
    while (next_row_ < table_.rows.size()) {
      const SheetRow& row = table_.rows[next_row_++];
      if (std::optional<SkippedRow> skipped = not_a_record(row)) {
        info_.skipped.push_back(std::move(*skipped));
        continue;
      }
      return record_of(row);
    }
    return std::nullopt;
  }

  const std::string& name() const override { return name_; }
  const LedgerReadInfo& info() const override { return info_; }

 private:
  std::optional<SkippedRow> not_a_record(const SheetRow& row) const {
    std::size_t non_blank = 0, repeated = 0, mapped_filled = 0;
    const std::string* note = nullptr;
    const std::string* first = nullptr;
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      const std::string& cell = row.cells[i];
      if (blank(cell)) continue;
      ++non_blank;
      if (!first) first = &cell;
      if (i < columns_.header_keys.size() && !columns_.header_keys[i].empty() && header_key(cell) == columns_.header_keys[i]) ++repeated;
      if (mapped_columns_.contains(i)) ++mapped_filled;
      if (!note && starts_like_a_note(cell)) note = &cell;
    }
    if (non_blank == 0) return std::nullopt;  // blank rows never reach here
    if (repeated * 2 > non_blank) {
      return SkippedRow{row.number, "見出しの繰り返し", "a repeated header row", shortened(read_office_text(*first))};
    }
    if (note && mapped_filled * 2 < mapped_columns_.size()) {
      return SkippedRow{row.number, "注記・合計の行（契約の行ではありません）", "a footnote or total row, not a contract",
                        shortened(read_office_text(*note))};
    }
    return std::nullopt;
  }

  SourceRecord record_of(const SheetRow& row) const {
    SourceRecord source;
    source.number = row.number;
    nlohmann::json record = nlohmann::json::object();
    std::vector<Status> problems;
    if (!columns_.ref.empty()) make_ref(row, record, source, problems);
    for (const FieldColumn& column : columns_.fields) {
      const std::string& cell = cell_at(row, column.index);
      source.origins.push_back({column.pointer, read_office_text(column.header), shortened(cell)});
      if (blank(cell)) continue;
      if (cell.find('\0') != std::string::npos) {
        problems.emplace_back(ErrorCode::kInvalidArgument, kNulMessage, column.pointer);
        continue;
      }
      Result<nlohmann::json> value = field_value(column, cell);
      if (!value) {
        problems.emplace_back(value.status().code(), value.status().message(), column.pointer);
        continue;
      }
      record[nlohmann::json::json_pointer(column.pointer)] = std::move(value).value();
    }
    for (const LedgerColumn& column : columns_.ledger) {
      const std::string& cell = cell_at(row, column.index);
      if (blank(cell)) continue;
      if (cell.find('\0') != std::string::npos) {
        const std::string pointer = pointer_child("/ledger", column.key);
        source.origins.push_back({pointer, column.key, shortened(cell)});
        problems.emplace_back(ErrorCode::kInvalidArgument, kNulMessage, pointer);
        continue;
      }
      record["ledger"][column.key] = read_office_text(cell);
    }
    // A value right of the last header has no name to be kept under: refused rather than lost.
    for (std::size_t i = columns_.header_keys.size(); i < row.cells.size(); ++i) {
      if (blank(row.cells[i])) continue;
      problems.emplace_back(ErrorCode::kInvalidArgument,
                            column_letters(i) + " 列に値「" + shortened(read_office_text(row.cells[i])) +
                                "」がありますが、見出しがありません。見出しを付けるか、値を消してください / column " +
                                column_letters(i) + " holds a value but has no header: name the column or clear the cell",
                            "");
    }
    for (const auto& [pointer, value] : columns_.defaults) {
      const nlohmann::json::json_pointer at(pointer);
      if (!record.contains(at)) record[at] = value;
    }
    if (const auto ref = record.find("ref"); ref != record.end() && ref->is_string()) source.ref = ref->get<std::string>();
    // Bad cells are left out of the record and reported with what the schemas find in the rest.
    source.json = std::move(record);
    source.further_errors = std::move(problems);
    return source;
  }

  void make_ref(const SheetRow& row, nlohmann::json& record, SourceRecord& source, std::vector<Status>& problems) const {
    std::string ref;
    for (const RefPart& part : columns_.ref) {
      ref += part.literal;
      if (!part.column) continue;
      const std::string& cell = cell_at(row, *part.column);
      source.origins.push_back({"/ref", read_office_text(part.header), shortened(cell)});
      const std::string value = to_half_width(trim_office_blanks(cell));
      if (value.empty()) {
        problems.emplace_back(ErrorCode::kInvalidArgument,
                              "参照番号を作る列「" + read_office_text(part.header) + "」が空です / the column '" +
                                  read_office_text(part.header) + "' that makes the ref is empty",
                              "/ref");
        return;
      }
      ref += value;
    }
    record["ref"] = ref;
  }

  static Result<nlohmann::json> field_value(const FieldColumn& column, const std::string& cell) {
    switch (column.type) {
      case FieldType::kInteger: {
        auto value = read_office_integer(cell);
        if (!value) return value.status();
        return nlohmann::json(*value);
      }
      case FieldType::kNumber: {
        auto value = read_office_number(cell);
        if (!value) return value.status();
        return nlohmann::json(*value);
      }
      case FieldType::kBoolean: {
        auto value = read_office_boolean(cell);
        if (!value) return value.status();
        return nlohmann::json(*value);
      }
      case FieldType::kStringArray: {
        nlohmann::json items = nlohmann::json::array();
        std::string text = to_half_width(cell);
        for (std::string_view separator : {"、", "，", ",", "\n"}) {
          for (std::size_t at = text.find(separator); at != std::string::npos; at = text.find(separator, at)) {
            text.replace(at, separator.size(), ";");
          }
        }
        std::size_t start = 0;
        while (start <= text.size()) {
          const std::size_t end = std::min(text.find(';', start), text.size());
          const std::string item(trim_office_blanks(std::string_view(text).substr(start, end - start)));
          if (!item.empty()) items.push_back(item);
          start = end + 1;
        }
        return items;
      }
      default:
        break;
    }
    if (column.date) {
      auto value = read_office_date(cell);
      if (!value) return value.status();
      return nlohmann::json(*value);
    }
    if (column.digits) {
      auto value = read_office_digits(cell, *column.digits);
      if (!value) return value.status();
      return nlohmann::json(*value);
    }
    // A ref or a code is ASCII by the schema: full-width letters in it are how a ledger types it.
    if (column.pointer == "/ref") return nlohmann::json(to_half_width(trim_office_blanks(cell)));
    return nlohmann::json(read_office_text(cell));
  }

  std::string name_;
  SheetTable table_;
  std::size_t next_row_;
  ResolvedColumns columns_;
  std::set<std::size_t> mapped_columns_;
  LedgerReadInfo info_;
};

}  // namespace

std::string unknown_columns_message(const std::string& name, const std::vector<std::string>& headers) {
  std::string lines, listed_ja, listed_en;
  for (std::size_t i = 0; i < headers.size(); ++i) {
    const std::string key = ledger_key_of(headers[i]);
    listed_ja += (i ? "、" : "") + key;
    listed_en += (i ? ", " : "") + key;
    lines += "\n    \"" + key + "\": \"" + guessed_target(key) + "\",";
  }
  const std::string count = std::to_string(headers.size());
  return name + ": Itaku の項目ではない見出しが " + count + " 列あります: " + listed_ja +
         "。台帳として取り込むには --mapping MAP.json を付け、MAP.json の \"columns\" に次の行を加えてください"
         "（\"ledger\" は列を文字のまま ledger に残します。記録の項目なら \"title\" などのパスに、捨てるなら null に）:" +
         lines + "\n / " + name + ": " + count + " headers are not Itaku fields: " + listed_en +
         ". To import an office ledger, add --mapping MAP.json with these lines in its \"columns\" (\"ledger\" keeps the "
         "column as text under ledger; use a field path such as \"title\" for a record field, null to drop it): see "
         "docs/ledger.md";
}

bool is_workbook(const std::string& path) { return lowercase_extension(path) == ".xlsx"; }

Result<std::unique_ptr<LedgerSource>> open_ledger_source(const std::string& path, const LedgerMapping* mapping,
                                                         const std::optional<std::string>& sheet, const FieldTypes& types) {
  LedgerReadInfo info;
  Result<SheetTable> table = Status(ErrorCode::kInternal, "unread");
  const std::string extension = lowercase_extension(path);
  if (extension == ".xlsx") {
    table = read_xlsx_sheet(path, sheet);
    if (table) info.sheet = table->sheet;
  } else if (extension == ".csv") {
    if (sheet) {
      return Status(ErrorCode::kInvalidArgument, "--sheet は .xlsx のブックにだけ使えます: " + path +
                                                     " / --sheet applies to .xlsx workbooks only: " + path);
    }
    table = read_ledger_csv(path, info.encoding);
  } else {
    return Status(ErrorCode::kInvalidArgument, "台帳として読めるのは .csv と .xlsx です: " + path +
                                                   " / a ledger is read from .csv or .xlsx: " + path);
  }
  if (!table) return table.status();
  ColumnResolver resolver(*table, path, types);
  auto resolved = mapping ? resolver.with_mapping(*mapping, info) : resolver.own_columns();
  if (!resolved) return resolved.status();
  info.header_row = table->rows[resolved->first].number;
  return std::unique_ptr<LedgerSource>(std::make_unique<LedgerRowSource>(path, std::move(table).value(), resolved->first,
                                                                         std::move(resolved->second), std::move(info)));
}

}  // namespace itaku
