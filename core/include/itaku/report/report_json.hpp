// The JSON shapes of a review (docs/records.md "Review report"): one definition each, used by the
// json/jsonl report writers and by any other front end (the REST API) that returns them.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "itaku/domain/review_result.hpp"

namespace itaku {

// Each write_*_json appends one compact JSON object (no trailing newline) to `out`. Strings
// are escaped per RFC 8259; bytes that are not valid UTF-8 become U+FFFD. They never throw
// except std::bad_alloc.

// {"ref", "kind", "tier", "decision", "risk_level" ("none" without findings),
//  "verification": {"status", "next_due", "interval_months"},
//  "findings": [{"id", "severity", "plugin", "message": {"ja", "en"}}],
//  "record", "title", "department"} in that order.
void write_result_json(std::string& out, const ReviewResult& result);

// {"record", "ref" (null when unknown), "path", "message", "file"} in that order.
void write_error_json(std::string& out, const RecordError& error);

// {"records", "reviewed", "invalid", "decisions": {"approve", "conditional", "reject"}};
// the summary's as_of is not part of this object (the report carries it at the top level).
void write_summary_json(std::string& out, const ReviewSummary& summary);

// The same objects as nlohmann values, for code that composes JSON documents. Built from the
// text above so that the shape is defined once; ordered_json keeps the documented key order.
// `nlohmann::json j = result;` also works (keys then sort alphabetically, as nlohmann::json does).
void to_json(nlohmann::ordered_json& json, const ReviewResult& result);
void to_json(nlohmann::ordered_json& json, const RecordError& error);
void to_json(nlohmann::ordered_json& json, const ReviewSummary& summary);
void to_json(nlohmann::json& json, const ReviewResult& result);
void to_json(nlohmann::json& json, const RecordError& error);
void to_json(nlohmann::json& json, const ReviewSummary& summary);

}  // namespace itaku
