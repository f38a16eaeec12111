#include "schema/record_limits.hpp"

#include <string>
#include <string_view>
#include <utility>

#include "schema/json_pointer.hpp"

namespace itaku::detail {
namespace {

using nlohmann::json;

std::size_t utf8_characters(std::string_view text) noexcept {
  std::size_t characters = 0;
  for (const char byte : text) characters += (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
  return characters;
}

// 100000 -> "100,000", as the messages show counts.
std::string number(std::size_t value) {
  const std::string digits = std::to_string(value);
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return grouped;
}

struct Pending {
  const json* value;
  std::string pointer;
  std::size_t depth;
};

}  // namespace

std::vector<ValidationIssue> record_limit_issues(const json& record) {
  std::vector<ValidationIssue> issues;
  std::vector<Pending> pending;
  pending.push_back({&record, "", 1});
  const auto report = [&](std::string pointer, std::string message) {
    if (issues.size() < RecordValidator::kMaxIssues) issues.push_back({std::move(pointer), std::move(message)});
  };
  while (!pending.empty() && issues.size() < RecordValidator::kMaxIssues) {
    Pending current = std::move(pending.back());
    pending.pop_back();
    const json& value = *current.value;
    if (value.is_string()) {
      const std::size_t characters = utf8_characters(value.get_ref<const std::string&>());
      if (characters > kMaxTextCharacters) {
        report(current.pointer, "文字数が多すぎます（" + number(characters) + " 文字、上限 " + number(kMaxTextCharacters) +
                                    " 文字） / text too long: " + number(characters) + " characters, at most " +
                                    number(kMaxTextCharacters));
      }
      continue;
    }
    if (!value.is_structured()) continue;
    if (current.depth > kMaxRecordDepth) {
      // The pointer of the record's field that holds it: a path a million segments long says nothing.
      const std::string field = current.pointer.substr(0, current.pointer.find('/', 1));
      report(field, "入れ子が深すぎます（" + std::to_string(kMaxRecordDepth) +
                                     " 段まで） / nested more than " + std::to_string(kMaxRecordDepth) +
                                     " levels deep: not an engagement record");
      continue;
    }
    if (value.is_array()) {
      if (value.size() > kMaxListItems) {
        report(current.pointer, "リストの項目が多すぎます（" + number(value.size()) + " 項目、上限 " + number(kMaxListItems) +
                                    "） / too many entries in this list: " + number(value.size()) + ", at most " +
                                    number(kMaxListItems));
        continue;
      }
      for (std::size_t i = value.size(); i-- > 0;) {
        pending.push_back({&value[i], pointer_child(current.pointer, std::to_string(i)), current.depth + 1});
      }
      continue;
    }
    if (value.size() > kMaxObjectFields) {
      report(current.pointer, "項目が多すぎます（" + number(value.size()) + " 項目、上限 " + number(kMaxObjectFields) +
                                  "） / too many fields in this object: " + number(value.size()) + ", at most " +
                                  number(kMaxObjectFields));
      continue;
    }
    std::vector<Pending> members;
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::string& name = it.key();
      if (utf8_characters(name) > kMaxFieldNameCharacters) {
        report(current.pointer, "項目名が長すぎます（" + number(utf8_characters(name)) + " 文字、上限 " +
                                    number(kMaxFieldNameCharacters) + " 文字） / a field name of " +
                                    number(utf8_characters(name)) + " characters; at most " +
                                    number(kMaxFieldNameCharacters) + " are allowed");
        continue;
      }
      members.push_back({&it.value(), pointer_child(current.pointer, name), current.depth + 1});
    }
    // Depth-first in document order, so the issues come in the order the fields were written.
    for (auto it = members.rbegin(); it != members.rend(); ++it) pending.push_back(std::move(*it));
  }
  return issues;
}

}  // namespace itaku::detail
