#include "schema/record_limits.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>

#include "schema/json_pointer.hpp"
#include "io/text_encoding.hpp"

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

// A value met on the walk. Its pointer is built only for a value that is reported: building one
// for every value cost more than the checks themselves in a batch review.
struct Visited {
  const json* value;
  std::size_t parent;       // index in the walk, kRoot for the record itself
  const std::string* name;  // the member's name, or nullptr for an array item
  std::size_t index;        // the array item's index
  std::size_t depth;
};
constexpr std::size_t kRoot = static_cast<std::size_t>(-1);

std::string pointer_of(const std::vector<Visited>& walk, std::size_t at) {
  std::vector<std::size_t> chain;
  for (std::size_t i = at; i != kRoot; i = walk[i].parent) chain.push_back(i);
  std::string pointer;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const Visited& step = walk[*it];
    if (step.parent == kRoot) continue;
    pointer = pointer_child(pointer, step.name ? *step.name : std::to_string(step.index));
  }
  return pointer;
}

}  // namespace

std::vector<ValidationIssue> record_limit_issues(const json& record) {
  std::vector<ValidationIssue> issues;
  std::vector<Visited> walk;
  walk.reserve(64);
  walk.push_back({&record, kRoot, nullptr, 0, 1});
  std::vector<std::size_t> pending{0};
  // Each message below is written "Japanese / English".
  const auto report = [&](std::string pointer, const std::string& message) {
    if (issues.size() >= RecordValidator::kMaxIssues) return;
    const std::size_t split = message.find(" / ");
    issues.push_back({std::move(pointer), message.substr(split + 3), message.substr(0, split)});
  };
  while (!pending.empty() && issues.size() < RecordValidator::kMaxIssues) {
    const std::size_t at = pending.back();
    pending.pop_back();
    const Visited current = walk[at];
    const json& value = *current.value;
    if (value.is_string()) {
      if (has_direction_control(value.get_ref<const std::string&>())) {
        report(pointer_of(walk, at), kDirectionControlMessage);
      }
      const std::size_t characters = utf8_characters(value.get_ref<const std::string&>());
      if (characters > kMaxTextCharacters) {
        report(pointer_of(walk, at), "文字数が多すぎます（" + number(characters) + " 文字、上限 " +
                                         number(kMaxTextCharacters) + " 文字） / text too long: " + number(characters) +
                                         " characters, at most " + number(kMaxTextCharacters));
      }
      continue;
    }
    if (!value.is_structured()) continue;
    if (current.depth > kMaxRecordDepth) {
      // The pointer of the record's field that holds it: a path a million segments long says nothing.
      const std::string pointer = pointer_of(walk, at);
      const std::string field = pointer.substr(0, pointer.find('/', 1));
      report(field, "入れ子が深すぎます（" + std::to_string(kMaxRecordDepth) +
                        " 段まで） / nested more than " + std::to_string(kMaxRecordDepth) +
                        " levels deep: not an engagement record");
      continue;
    }
    const std::size_t first_child = walk.size();
    if (value.is_array()) {
      if (value.size() > kMaxListItems) {
        report(pointer_of(walk, at), "リストの項目が多すぎます（" + number(value.size()) + " 項目、上限 " +
                                         number(kMaxListItems) + "） / too many entries in this list: " +
                                         number(value.size()) + ", at most " + number(kMaxListItems));
        continue;
      }
      for (std::size_t i = 0; i < value.size(); ++i) walk.push_back({&value[i], at, nullptr, i, current.depth + 1});
    } else {
      if (value.size() > kMaxObjectFields) {
        report(pointer_of(walk, at), "項目が多すぎます（" + number(value.size()) + " 項目、上限 " +
                                         number(kMaxObjectFields) + "） / too many fields in this object: " +
                                         number(value.size()) + ", at most " + number(kMaxObjectFields));
        continue;
      }
      for (auto it = value.begin(); it != value.end(); ++it) {
        const std::string& name = it.key();
        if (const std::size_t length = utf8_characters(name); length > kMaxFieldNameCharacters) {
          report(pointer_of(walk, at), "項目名が長すぎます（" + number(length) + " 文字、上限 " +
                                           number(kMaxFieldNameCharacters) + " 文字） / a field name of " +
                                           number(length) + " characters; at most " +
                                           number(kMaxFieldNameCharacters) + " are allowed");
          continue;
        }
        walk.push_back({&it.value(), at, &name, 0, current.depth + 1});
      }
    }
    // Depth-first in document order, so the issues come in the order the fields were written.
    for (std::size_t i = walk.size(); i-- > first_child;) pending.push_back(i);
  }
  return issues;
}

bool has_direction_control(std::string_view text) {
  // U+202A–U+202E (embeddings, overrides) are E2 80 AA–AE; U+2066–U+2069 (isolates) E2 81 A6–A9.
  for (std::size_t at = text.find('\xE2'); at != std::string_view::npos && at + 2 < text.size(); at = text.find('\xE2', at + 1)) {
    const auto second = static_cast<unsigned char>(text[at + 1]);
    const auto third = static_cast<unsigned char>(text[at + 2]);
    if ((second == 0x80 && third >= 0xAA && third <= 0xAE) || (second == 0x81 && third >= 0xA6 && third <= 0xA9)) return true;
  }
  return false;
}

Status check_text_value(const std::string& text, const char* field, bool required) {
  const std::string name(field);
  if (has_direction_control(text)) {
    const std::string message = kDirectionControlMessage;
    return Status(ErrorCode::kInvalidArgument, name + ": " + message, name);
  }
  if (!is_valid_utf8(text)) {
    return Status(ErrorCode::kInvalidArgument, name + " が UTF-8 のテキストではありません / " + name + " is not UTF-8 text", name);
  }
  if (text.find('\0') != std::string::npos) {
    return Status(ErrorCode::kInvalidArgument,
                  name + " に NUL 文字（U+0000）が含まれています / " + name + " contains a NUL character (U+0000)", name);
  }
  if (std::size_t characters = std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; });
      characters > kMaxTextCharacters) {
    return Status(ErrorCode::kInvalidArgument,
                  name + " が長すぎます / " + name + " is too long: " + std::to_string(characters) +
                      " characters, at most " + std::to_string(kMaxTextCharacters),
                  name);
  }
  if (required) {
    std::string rest = text;
    for (const std::string blank : {" ", "\t", "\r", "\n", "\u3000"}) {
      for (std::size_t at = rest.find(blank); at != std::string::npos; at = rest.find(blank)) rest.erase(at, blank.size());
    }
    if (rest.empty()) {
      return Status(ErrorCode::kInvalidArgument, name + " を入力してください / " + name + " must not be empty", name);
    }
  }
  return Status::ok();
}

}  // namespace itaku::detail
