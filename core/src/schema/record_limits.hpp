// Size limits every record meets before any schema or rule looks at it, so that validation,
// comparison and messages take time and stack bounded by the limits, not by the input
// (README.md, "Limits on untrusted input"). Engagement records are small: about thirty
// fields, four levels deep, a few lists of a few entries.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "itaku/error.hpp"
#include "itaku/schema/record_validator.hpp"

namespace itaku::detail {

inline constexpr std::size_t kMaxRecordDepth = 16;            // objects and lists within each other
inline constexpr std::size_t kMaxTextCharacters = 10'000;      // any text value, in Unicode characters
inline constexpr std::size_t kMaxFieldNameCharacters = 100;    // any field name
inline constexpr std::size_t kMaxListItems = 1'000;            // any list
inline constexpr std::size_t kMaxObjectFields = 1'000;         // any object

// One issue per value beyond a limit, at its JSON Pointer (a value nested too deeply: at the
// record's field that holds it), at most RecordValidator::kMaxIssues. Iterative: the record may
// be nested a million levels deep. Empty when the record is within every limit.
std::vector<ValidationIssue> record_limit_issues(const nlohmann::json& record);

// Text given outside a record (a person's name, a token's name, a reason, a vendor's new name)
// meets the limits of a record's text: UTF-8, no NUL character (PostgreSQL would store the text
// cut there, and the audit entry would no longer match it), at most kMaxTextCharacters. A
// `required` text must not be blank (spaces, tabs, full-width spaces). kInvalidArgument naming
// `field` otherwise.
Status check_text_value(const std::string& text, const char* field, bool required = false);

// Whether `text` holds a character that changes the direction text is shown in (U+202A–U+202E,
// U+2066–U+2069): "市公式\u202e" shows what follows it reversed, on a page, in a report, in a
// terminal, so a name could pass for another. Refused in every text a record or a command takes.
bool has_direction_control(std::string_view text);
inline constexpr const char* kDirectionControlMessage =
    "文字の表示の向きを変える制御文字（U+202A〜U+202E、U+2066〜U+2069）は使えません / characters that change "
    "the direction text is shown in (U+202A to U+202E, U+2066 to U+2069) are not allowed: the text would show in "
    "another order than it was written";

}  // namespace itaku::detail
