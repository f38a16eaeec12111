// Size limits every record meets before any schema or rule looks at it, so that validation,
// comparison and messages take time and stack bounded by the limits, not by the input
// (README.md, "Limits on untrusted input"). Engagement records are small: about thirty
// fields, four levels deep, a few lists of a few entries.
#pragma once

#include <cstddef>
#include <string>
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

}  // namespace itaku::detail
