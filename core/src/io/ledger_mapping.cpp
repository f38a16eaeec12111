#include "itaku/io/ledger.hpp"

#include <fstream>
#include <iterator>
#include <set>

#include "io/ledger_headers.hpp"
#include "io/office_values.hpp"
#include "io/text_encoding.hpp"

namespace itaku::detail {
namespace {

constexpr std::string_view kLedgerKey = "ledger";

}  // namespace

std::string header_key(std::string_view header) {
  const std::string half = to_half_width(header);
  std::string key;
  for (const char c : half) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    key += c;
  }
  return key;
}

std::vector<std::string> split_field_path(std::string_view dotted) {
  std::vector<std::string> parts;
  if (dotted.rfind("ledger.", 0) == 0) return {std::string(kLedgerKey), std::string(dotted.substr(kLedgerKey.size() + 1))};
  while (true) {
    const auto dot = dotted.find('.');
    parts.emplace_back(dotted.substr(0, dot));
    if (dot == std::string_view::npos) break;
    dotted.remove_prefix(dot + 1);
  }
  return parts;
}

}  // namespace itaku::detail

namespace itaku {
namespace {

using detail::header_key;
using detail::is_valid_utf8;
using detail::split_field_path;

constexpr std::string_view kLedger = "ledger";

bool is_value_type(FieldType type) { return type != FieldType::kObject && type != FieldType::kObjectArray; }

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

// Why `dotted` cannot be a mapping's target, or "" when it can.
std::string target_problem(const std::string& dotted, const FieldTypes& types, std::string& problem_ja) {
  const std::optional<FieldType> type = types.type_of(split_field_path(dotted));
  if (!type) {
    problem_ja = "スキーマにない項目です（例: title、vendor.corporate_number、period.start）";
    return "no schema defines this field (e.g. title, vendor.corporate_number, period.start)";
  }
  if (!is_value_type(*type)) {
    problem_ja = "値ではなくオブジェクトを指しています。vendor.name のように下位の項目まで書いてください";
    return "names an object, not a value: name its field, e.g. vendor.name";
  }
  return {};
}

class MappingReader {
 public:
  explicit MappingReader(const FieldTypes& types) : types_(types) {}

  Result<LedgerMapping> read(const nlohmann::json& document) {
    if (!document.is_object()) {
      return Status(ErrorCode::kInvalidArgument,
                    "対応付けファイル（MAP.json）は JSON オブジェクトにしてください / the mapping file (MAP.json) must "
                    "be a JSON object with \"columns\", \"ref\" and \"defaults\"");
    }
    for (const auto& [key, value] : document.items()) {
      if (key == "columns") {
        read_columns(value);
      } else if (key == "ref") {
        read_ref(value);
      } else if (key == "defaults") {
        read_defaults(value);
      } else if (key != "description" && key != "$comment") {
        problem("/" + key, "知らない項目です（columns、ref、defaults、description のいずれか）",
                "unknown key (expected columns, ref, defaults or description)");
      }
    }
    if (!document.contains("columns")) {
      problem("/columns", "columns がありません（台帳の見出し → 記録の項目）",
              "\"columns\" is missing (ledger header -> record field)");
    }
    if (!problems_ja_.empty()) {
      std::string ja = "対応付けファイルに問題があります:", en = "the mapping file has problems:";
      for (std::size_t i = 0; i < problems_ja_.size(); ++i) {
        ja += "\n  " + problems_ja_[i];
        en += "\n  " + problems_en_[i];
      }
      return Status(ErrorCode::kInvalidArgument, ja + "\n / " + en);
    }
    return std::move(mapping_);
  }

 private:
  void problem(const std::string& where, const std::string& ja, const std::string& en) {
    problems_ja_.push_back(where + ": " + ja);
    problems_en_.push_back(where + ": " + en);
  }

  void read_columns(const nlohmann::json& columns) {
    if (!columns.is_object()) {
      problem("/columns", "見出しから項目への対応（オブジェクト）にしてください",
              "must be an object from ledger header to record field");
      return;
    }
    std::set<std::string> headers, fields, ledger_keys;
    for (const auto& [header, target] : columns.items()) {
      const std::string where = "/columns/" + header;
      if (!is_valid_utf8(header) || header_key(header).empty()) {
        problem(where, "見出しが空です", "the header is empty");
        continue;
      }
      if (!headers.insert(header_key(header)).second) {
        problem(where, "同じ見出しが 2 回あります", "the header appears twice");
        continue;
      }
      ColumnTarget column;
      if (target.is_null()) {
        column.kind = ColumnTarget::Kind::kIgnored;
      } else if (!target.is_string()) {
        problem(where, "値は項目のパス（\"vendor.name\"）、\"ledger\"、または null にしてください",
                "the value must be a field path (\"vendor.name\"), \"ledger\" or null");
        continue;
      } else {
        const std::string dotted = target.get<std::string>();
        if (dotted == kLedger || dotted.rfind("ledger.", 0) == 0) {
          column.kind = ColumnTarget::Kind::kLedger;
          column.ledger_key = dotted == kLedger ? header : dotted.substr(kLedger.size() + 1);
          if (header_key(column.ledger_key).empty()) {
            problem(where, "ledger. の後に列の名前を書いてください", "name the ledger key after \"ledger.\"");
            continue;
          }
          if (!ledger_keys.insert(column.ledger_key).second) {
            problem(where, "ledger の同じ名前「" + column.ledger_key + "」に対応する列が 2 つあります（片方の値が失われます）",
                    "two columns map to the same ledger key '" + column.ledger_key + "' (one's values would be lost)");
            continue;
          }
        } else {
          std::string why_ja;
          const std::string why = target_problem(dotted, types_, why_ja);
          if (!why.empty()) {
            problem(where, in_quotes(dotted) + " は" + why_ja, in_quotes(dotted) + " " + why);
            continue;
          }
          if (!fields.insert(dotted).second) {
            problem(where, in_quotes(dotted) + " に対応する列が 2 つあります", "two columns map to " + in_quotes(dotted));
            continue;
          }
          column.kind = ColumnTarget::Kind::kField;
          column.path = split_field_path(dotted);
        }
      }
      mapping_.columns.emplace_back(header, std::move(column));
    }
  }

  void read_ref(const nlohmann::json& ref) {
    if (!ref.is_string() || ref.get<std::string>().empty()) {
      problem("/ref", "参照番号の作り方を \"CFA-{id}\" のように書いてください（{} の中は台帳の見出し）",
              "write how the ref is made, e.g. \"CFA-{id}\" ({} holds a ledger header)");
      return;
    }
    RefTemplate made;
    made.text = ref.get<std::string>();
    std::string literal;
    for (std::size_t at = 0; at < made.text.size(); ++at) {
      const char c = made.text[at];
      if (c == '}') {
        problem("/ref", "「}」に対応する「{」がありません", "'}' without '{'");
        return;
      }
      if (c != '{') {
        literal += c;
        continue;
      }
      const std::size_t close = made.text.find('}', at);
      if (close == std::string::npos) {
        problem("/ref", "「{」が閉じられていません", "'{' is not closed");
        return;
      }
      const std::string header = made.text.substr(at + 1, close - at - 1);
      if (header_key(header).empty() || header.find('{') != std::string::npos) {
        problem("/ref", "{} の中に台帳の見出しを書いてください", "write a ledger header inside {}");
        return;
      }
      made.parts.push_back(std::move(literal));
      made.parts.push_back(header);
      literal.clear();
      at = close;
    }
    made.parts.push_back(std::move(literal));
    if (made.parts.size() < 3) {
      problem("/ref", "{} で台帳の列を少なくとも 1 つ使ってください（例: \"CFA-{id}\"）",
              "use at least one ledger column in {} (e.g. \"CFA-{id}\"): a fixed text would give every row the same ref");
      return;
    }
    mapping_.ref = std::move(made);
  }

  void read_defaults(const nlohmann::json& defaults) {
    if (!defaults.is_object()) {
      problem("/defaults", "項目のパスから値への対応（オブジェクト）にしてください",
              "must be an object from field path to value");
      return;
    }
    for (const auto& [dotted, value] : defaults.items()) {
      std::string why_ja;
      const std::string why = target_problem(dotted, types_, why_ja);
      if (!why.empty()) {
        problem("/defaults/" + dotted, why_ja, why);
        continue;
      }
      if (value.is_null() || value.is_object()) {
        problem("/defaults/" + dotted, "既定値は文字列・数値・真偽値・文字列の配列にしてください",
                "a default is text, a number, true/false or a list of text");
        continue;
      }
      mapping_.defaults.emplace_back(split_field_path(dotted), value);
    }
  }

  const FieldTypes& types_;
  LedgerMapping mapping_;
  std::vector<std::string> problems_ja_, problems_en_;
};

}  // namespace

Result<LedgerMapping> parse_ledger_mapping(const nlohmann::json& document, const FieldTypes& types) {
  return MappingReader(types).read(document);
}

Result<LedgerMapping> read_ledger_mapping(const std::string& path, const FieldTypes& types) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return Status(ErrorCode::kNotFound, "対応付けファイルが見つかりません: " + path + " / mapping file not found: " + path);
  }
  const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded()) {
    return Status(ErrorCode::kInvalidArgument, "対応付けファイルが JSON として読めません: " + path +
                                                   " / the mapping file is not valid JSON: " + path);
  }
  auto mapping = parse_ledger_mapping(document, types);
  if (!mapping) return Status(mapping.status().code(), path + ": " + mapping.status().message());
  return mapping;
}

}  // namespace itaku
