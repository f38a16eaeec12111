#include "schema/issue_messages.hpp"

#include <algorithm>
#include <map>
#include <string_view>

#include "schema/json_pointer.hpp"
#include "schema/schema_navigation.hpp"

namespace itaku::detail {
namespace {

using nlohmann::json;

std::string lower_ascii(std::string text) {
  for (char& c : text) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return text;
}

// At most `limit` bytes and "…", cut between characters so that the text stays UTF-8.
std::string shortened(std::string text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

bool starts_with(std::string_view text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

// Text between the first pair of single quotes after `marker`, e.g. the property name.
std::string quoted_after(const std::string& text, std::string_view marker) {
  auto at = text.find(marker);
  if (at == std::string::npos) return {};
  auto open = text.find('\'', at + marker.size() - 1);
  if (open == std::string::npos) return {};
  auto close = text.rfind('\'');
  if (close == std::string::npos || close <= open) return {};
  return text.substr(open + 1, close - open - 1);
}

// A JSON Schema type in words, English and Japanese.
Words type_words(std::string_view type) {
  static const std::pair<std::string_view, Words> kWords[] = {
      {"string", {"text", "文字列"}},           {"integer", {"a whole number", "整数"}},
      {"number", {"a number", "数値"}},         {"boolean", {"true or false", "true か false"}},
      {"object", {"an object", "オブジェクト"}}, {"array", {"a list (array)", "リスト（配列）"}},
      {"null", {"null", "null"}},
  };
  for (const auto& [name, words] : kWords) {
    if (name == type) return words;
  }
  return {std::string(type), std::string(type)};
}

// The type `value` has, in the same words.
Words actual_type_words(const json& value) {
  switch (value.type()) {
    case json::value_t::string: return type_words("string");
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return type_words("integer");
    case json::value_t::number_float: return type_words("number");
    case json::value_t::boolean: return type_words("boolean");
    case json::value_t::object: return type_words("object");
    case json::value_t::array: return type_words("array");
    case json::value_t::null: return type_words("null");
    default: return {"a value", "値"};
  }
}

std::string expected_type(const json* node, bool japanese = false) {
  const auto phrase = [japanese](std::string_view type) { return japanese ? type_words(type).ja : type_words(type).en; };
  if (!node) return japanese ? "別の型" : "another type";
  auto type = node->find("type");
  if (type == node->end()) return japanese ? "別の型" : "another type";
  if (type->is_string()) return phrase(type->get_ref<const std::string&>());
  std::string joined;
  for (const auto& t : *type) joined += (joined.empty() ? "" : japanese ? " または " : " or ") + phrase(t.get<std::string>());
  return joined;
}

const json* value_at(const json& record, const std::vector<std::string>& path) {
  const json* current = &record;
  for (const auto& segment : path) {
    if (current->is_object()) {
      auto it = current->find(segment);
      if (it == current->end()) return nullptr;
      current = &*it;
    } else if (current->is_array()) {
      size_t index = 0;
      try {
        index = std::stoul(segment);
      } catch (...) {
        return nullptr;
      }
      if (index >= current->size()) return nullptr;
      current = &(*current)[index];
    } else {
      return nullptr;
    }
  }
  return current;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The field name a typo was meant to be ("verifcations" → "verifications"), or "".
std::string suggestion(const json* object_schema, const std::string& unknown) {
  if (!object_schema || !object_schema->contains("properties")) return {};
  std::vector<std::string> names;
  for (const auto& [name, unused] : (*object_schema)["properties"].items()) names.push_back(name);
  return nearest_word(unknown, names);
}

std::string enum_list(const json& values) {
  std::string joined;
  for (const auto& value : values) joined += (joined.empty() ? "" : ", ") + (value.is_string() ? value.get<std::string>() : value.dump());
  return joined;
}

std::string to_pointer(const std::vector<std::string>& path) {
  std::string pointer;
  for (const auto& segment : path) append_pointer_segment(pointer, segment);
  return pointer;
}

Words range_words(const json* node) {
  if (!node) return {"a value in range", "範囲内の値"};
  const bool has_min = node->contains("minimum");
  const bool has_max = node->contains("maximum");
  const std::string min = has_min ? (*node)["minimum"].dump() : std::string();
  const std::string max = has_max ? (*node)["maximum"].dump() : std::string();
  if (has_min && has_max) return {"a value from " + min + " to " + max, min + " から " + max + " までの値"};
  if (has_min) return {"a value of at least " + min, min + " 以上の値"};
  if (has_max) return {"a value of at most " + max, max + " 以下の値"};
  return {"a value in range", "範囲内の値"};
}

// "clauses item 8: " / "clauses の 8 番目: " for a path through a list: users count from one,
// JSON Pointers from zero.
Words position_words(const json& record, const std::vector<std::string>& path) {
  Words words;
  const json* current = &record;
  std::string parent;
  for (const auto& segment : path) {
    if (!current) break;
    if (current->is_array()) {
      std::size_t index = 0;
      try {
        index = std::stoul(segment);
      } catch (...) {
        break;
      }
      words.en += parent + " item " + std::to_string(index + 1) + ", ";
      words.ja += parent + " の " + std::to_string(index + 1) + " 番目、";
      current = index < current->size() ? &(*current)[index] : nullptr;
    } else if (current->is_object()) {
      auto it = current->find(segment);
      current = it == current->end() ? nullptr : &*it;
    } else {
      break;
    }
    parent = segment;
  }
  if (words.en.empty()) return words;
  words.en.replace(words.en.size() - 2, 2, ": ");
  words.ja.replace(words.ja.size() - 3, 3, ": ");
  return words;
}

// The entries of a list that appear more than once, with their 1-based positions: what a
// uniqueness error is about. Compared by value in O(n log n), whatever valijson did.
std::string repeated_entries(const json& list, bool japanese) {
  std::map<std::string, std::vector<std::size_t>> positions;
  for (std::size_t i = 0; i < list.size(); ++i) positions[list[i].dump()].push_back(i + 1);
  std::string text;
  for (std::size_t i = 0; i < list.size() && text.size() < 200; ++i) {
    const auto& at = positions[list[i].dump()];
    if (at.size() < 2 || at.front() != i + 1) continue;
    std::string numbers;
    for (std::size_t n = 0; n < at.size() && n < 5; ++n) numbers += (n ? (japanese ? "・" : ", ") : "") + std::to_string(at[n]);
    const std::string more = at.size() <= 5 ? std::string()
                             : japanese ? "。計 " + std::to_string(at.size()) + " か所"
                                        : " … " + std::to_string(at.size()) + " in all";
    if (!text.empty()) text += japanese ? "、" : "; ";
    text += japanese ? preview_ja(list[i]) + "（" + numbers + " 番目" + more + "）"
                     : preview(list[i]) + " (items " + numbers + more + ")";
  }
  return text;
}

}  // namespace

std::string preview(const json& value) {
  // Containers are summarised, never dumped: dump() recurses, and the value is attacker-shaped.
  if (value.is_object()) return "an object {…} with " + std::to_string(value.size()) + " fields";
  if (value.is_array()) return "a list […] of " + std::to_string(value.size()) + " items";
  return shortened(value.is_string() ? "'" + value.get_ref<const std::string&>() + "'" : value.dump(), 60);
}

std::string preview_ja(const json& value) {
  if (value.is_object()) return "オブジェクト {…}（" + std::to_string(value.size()) + " 項目）";
  if (value.is_array()) return "リスト […]（" + std::to_string(value.size()) + " 件）";
  if (!value.is_string()) return preview(value);
  return "「" + shortened(value.get_ref<const std::string&>(), 58) + "」";
}

std::string nearest_word(const std::string& given, const std::vector<std::string>& words) {
  if (given.empty() || given.size() > 64) return {};
  const std::string folded = lower_ascii(given);
  std::string best;
  size_t best_distance = 3;
  for (const auto& word : words) {
    if (word == given) return {};
    const size_t distance = edit_distance(folded, lower_ascii(word));
    if (distance < best_distance) {
      best_distance = distance;
      best = word;
    }
  }
  return best;
}

std::string nearest_clause_id(const std::string& id, const std::vector<std::string>& known) {
  // A number written without its leading zero: OUT-9 → OUT-09.
  const std::size_t dash = id.rfind('-');
  if (dash != std::string::npos && id.size() - dash == 2 && id.back() >= '0' && id.back() <= '9') {
    std::string padded = id.substr(0, dash + 1) + "0" + id.back();
    for (char& c : padded) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    if (std::find(known.begin(), known.end(), padded) != known.end()) return padded;
  }
  return nearest_word(id, known);
}

std::optional<ValidationIssue> describe_schema_error(const std::vector<std::string>& context,
                                                     const std::string& description,
                                                     const std::vector<std::string>& prefix, const json& record,
                                                     const json& schema_root) {
  static constexpr std::string_view kRollUps[] = {
      "Failed to validate against child schema", "Failed to validate item #", "Failed to validate against schema associated",
      "Failed to validate against a conditional schema", "Cannot validate item #", "Failed to validate against any",
      "Failed to validate against exactly one", "Failed to validate against additional items",
      "Failed to validate against additional properties schema", "Failed to validate against dependent schema",
  };
  for (auto roll_up : kRollUps) {
    if (starts_with(description, roll_up)) return std::nullopt;
  }

  // Path inside the validated value, then inside the record.
  std::vector<std::string> local;
  for (const auto& element : context) {
    if (element == "<root>") continue;
    if (element.size() >= 2 && element.front() == '[' && element.back() == ']') {
      local.push_back(element.substr(1, element.size() - 2));
    } else {
      local.push_back(element);
    }
  }
  std::vector<std::string> full = prefix;
  full.insert(full.end(), local.begin(), local.end());
  const json* node = schema_node_at(schema_root, schema_root, local);
  const json* value = value_at(record, full);

  const Words where = position_words(record, full);
  const auto issue = [&where](std::string pointer, std::string en, std::string ja) {
    return ValidationIssue{std::move(pointer), where.en + en, where.ja + ja};
  };

  if (starts_with(description, "Missing required property")) {
    const std::string property = quoted_after(description, "property '");
    full.push_back(property);
    const bool always_required = node && node->contains("required") &&
                                 std::find((*node)["required"].begin(), (*node)["required"].end(), property) !=
                                     (*node)["required"].end();
    std::string en = "required field '" + property + "' is missing";
    std::string ja = "必須項目「" + property + "」がありません";
    if (!always_required && prefix.empty() && local.empty() && record.contains("kind") && record["kind"].is_string()) {
      en += " (required for kind '" + record["kind"].get<std::string>() + "')";
      ja += "（種別「" + record["kind"].get<std::string>() + "」では必須）";
    }
    return issue(to_pointer(full), en, ja);
  }
  if (starts_with(description, "Object contains a property that could not be validated")) {
    const std::string property = quoted_after(description, "constraints: '");
    full.push_back(property);
    const std::string meant = suggestion(node, property);
    return issue(to_pointer(full),
                 "unknown field '" + property + "' (not part of record format version 1)" +
                     (meant.empty() ? "" : "; did you mean '" + meant + "'?"),
                 "項目「" + property + "」は記録の形式（第 1 版）にありません" +
                     (meant.empty() ? "" : "。「" + meant + "」の誤りではありませんか"));
  }
  const std::string pointer = to_pointer(full);
  const std::string got = value ? ", got " + preview(*value) : "";
  const std::string got_ja = value ? "（入力値 " + preview_ja(*value) + "）" : "";
  const std::string described = node && node->contains("description") && node->at("description").is_string()
                                    ? node->at("description").get<std::string>()
                                    : std::string();
  if (starts_with(description, "Value type not permitted")) {
    std::string en = "expected " + expected_type(node);
    if (!described.empty()) en += " (" + described + ")";
    en += ", got " + (value ? actual_type_words(*value).en + " " + preview(*value) : std::string("another type"));
    const std::string ja = expected_type(node, true) + "を指定してください" +
                           (value ? "（入力値は" + actual_type_words(*value).ja + " " + preview_ja(*value) + "）" : "");
    return issue(pointer, en, ja);
  }
  if (starts_with(description, "Failed to match against any enum values")) {
    const std::string allowed = node && node->contains("enum") ? enum_list((*node)["enum"]) : "an allowed value";
    std::vector<std::string> words;
    if (node && node->contains("enum")) {
      for (const auto& word : (*node)["enum"]) {
        if (word.is_string()) words.push_back(word.get<std::string>());
      }
    }
    const std::string meant = value && value->is_string() ? nearest_word(value->get<std::string>(), words) : "";
    return issue(pointer, "expected one of: " + allowed + got + (meant.empty() ? "" : "; did you mean '" + meant + "'?"),
                 "次のいずれかを指定してください: " + allowed + got_ja + (meant.empty() ? "" : "。「" + meant + "」ではありませんか"));
  }
  if (starts_with(description, "Failed to match regex")) {
    std::string expected = "text matching " + (node && node->contains("pattern") ? (*node)["pattern"].get<std::string>() : "");
    if (!described.empty()) expected = described;
    const bool date = described.find("YYYY-MM-DD") != std::string::npos;
    const std::string ja = date ? "日付は YYYY-MM-DD の形で入力してください（例 2026-04-01）" + got_ja
                                : "形式が正しくありません（" + expected + "）" + got_ja;
    return issue(pointer, "expected " + expected + got, ja);
  }
  if (starts_with(description, "Expected number")) {
    const Words range = range_words(node);
    std::string en = "expected " + range.en;
    if (!described.empty()) en += " (" + described + ")";
    return issue(pointer, en + got, range.ja + "を指定してください" + got_ja);
  }
  if (starts_with(description, "String should be no fewer than")) {
    const bool empty = value && value->is_string() && value->get_ref<const std::string&>().empty();
    if (empty) return issue(pointer, "must not be empty", "空にはできません");
    const std::string minimum = node && node->contains("minLength") ? node->at("minLength").dump() : "more";
    return issue(pointer, "too short: expected at least " + minimum + " characters" + got,
                 minimum + " 文字以上必要です" + got_ja);
  }
  if (starts_with(description, "String should be no more than")) {
    const std::string maximum = node && node->contains("maxLength") ? node->at("maxLength").dump() : "fewer";
    return issue(pointer, "too long: expected at most " + maximum + " characters" + got,
                 maximum + " 文字以内にしてください" + got_ja);
  }
  if (description.find("violate uniqueness constraint") != std::string::npos) {
    if (value && value->is_array()) {
      return issue(pointer, "entries must be unique; listed more than once: " + repeated_entries(*value, false),
                   "同じ項目が重複しています: " + repeated_entries(*value, true));
    }
    return issue(pointer, "entries must be unique; this list repeats an entry", "同じ項目が重複しています");
  }
  return issue(pointer, description, description);
}

}  // namespace itaku::detail
