#include "itaku/report/report_json.hpp"

#include "report/json_text.hpp"

namespace itaku {

using detail::append_json_string;
using detail::append_number;

void write_result_json(std::string& out, const ReviewResult& result) {
  out += "{\"ref\":";
  append_json_string(out, result.ref);
  out += ",\"kind\":";
  append_json_string(out, result.kind);
  out += ",\"tier\":";
  append_number(out, result.tier);
  out += ",\"decision\":\"";
  out += decision_name(result.decision);
  out += "\",\"risk_level\":\"";
  out += result.risk_level ? severity_name(*result.risk_level) : std::string_view("none");
  out += "\",\"verification\":{\"status\":\"";
  out += verification_status_name(result.verification.status);
  out += "\",\"next_due\":";
  detail::append_json_date(out, result.verification.next_due);
  out += ",\"interval_months\":";
  append_number(out, result.verification.interval_months);
  out += "},\"findings\":[";
  bool first = true;
  for (const Finding& finding : result.findings) {
    out += first ? "{\"id\":" : ",{\"id\":";
    first = false;
    append_json_string(out, finding.id);
    out += ",\"severity\":\"";
    out += severity_name(finding.severity);
    out += "\",\"plugin\":";
    append_json_string(out, finding.plugin);
    out += ",\"message\":{\"ja\":";
    append_json_string(out, finding.message.ja);
    out += ",\"en\":";
    append_json_string(out, finding.message.en);
    out += "}}";
  }
  out += "],\"record\":";
  append_number(out, result.record);
  out += ",\"title\":";
  append_json_string(out, result.title);
  out += ",\"department\":";
  append_json_string(out, result.department);
  if (result.vendor) {
    out += ",\"vendor\":{\"name\":";
    append_json_string(out, result.vendor->name);
    if (result.vendor->corporate_number) {
      out += ",\"corporate_number\":";
      append_json_string(out, *result.vendor->corporate_number);
    }
    out += ",\"expiring_certifications\":[";
    bool first_certification = true;
    for (const Certification& certification : result.vendor->expiring) {
      out += first_certification ? "{\"scheme\":" : ",{\"scheme\":";
      first_certification = false;
      append_json_string(out, certification.scheme);
      if (certification.number) {
        out += ",\"number\":";
        append_json_string(out, *certification.number);
      }
      out += ",\"valid_until\":";
      detail::append_json_date(out, certification.valid_until);
      out += '}';
    }
    out += "]}";
  }
  if (!result.ledger.empty()) {  // added for a record from an office ledger: its other columns
    out += ",\"ledger\":{";
    bool first = true;
    for (const auto& [header, text] : result.ledger) {
      if (!first) out += ',';
      first = false;
      append_json_string(out, header);
      out += ':';
      append_json_string(out, text);
    }
    out += '}';
  }
  out += '}';
}

void write_error_json(std::string& out, const RecordError& error) {
  out += "{\"record\":";
  append_number(out, error.record);
  out += ",\"ref\":";
  if (error.ref) {
    append_json_string(out, *error.ref);
  } else {
    out += "null";
  }
  out += ",\"path\":";
  append_json_string(out, error.path);
  out += ",\"message\":";
  append_json_string(out, error.message);
  // Added beside `message` (English, as it always was): readers of the older report go on
  // working, and a Japanese reader has the same in Japanese.
  out += ",\"message_ja\":";
  append_json_string(out, error.message_in("ja"));
  out += ",\"file\":";
  append_json_string(out, error.source);
  if (error.line > 0) {  // added where known (a .json document): the field's line and column
    out += ",\"line\":";
    append_number(out, error.line);
    out += ",\"column\":";
    append_number(out, error.column);
  }
  if (!error.ledger_column.empty()) {  // added for a ledger row: the column and its cell as written
    out += ",\"ledger_column\":";
    append_json_string(out, error.ledger_column);
    out += ",\"cell\":";
    append_json_string(out, error.cell);
  }
  out += '}';
}

void write_summary_json(std::string& out, const ReviewSummary& summary) {
  out += "{\"records\":";
  append_number(out, summary.records);
  out += ",\"reviewed\":";
  append_number(out, summary.reviewed);
  out += ",\"invalid\":";
  append_number(out, summary.invalid);
  out += ",\"decisions\":{\"approve\":";
  append_number(out, summary.approve);
  out += ",\"conditional\":";
  append_number(out, summary.conditional);
  out += ",\"reject\":";
  append_number(out, summary.reject);
  out += "}}";
}

namespace {

template <typename Json, typename Value, typename Writer>
void assign_parsed(Json& json, const Value& value, Writer write) {
  std::string text;
  write(text, value);
  json = Json::parse(text);
}

}  // namespace

void to_json(nlohmann::ordered_json& json, const ReviewResult& result) {
  assign_parsed(json, result, write_result_json);
}
void to_json(nlohmann::ordered_json& json, const RecordError& error) {
  assign_parsed(json, error, write_error_json);
}
void to_json(nlohmann::ordered_json& json, const ReviewSummary& summary) {
  assign_parsed(json, summary, write_summary_json);
}
void to_json(nlohmann::json& json, const ReviewResult& result) { assign_parsed(json, result, write_result_json); }
void to_json(nlohmann::json& json, const RecordError& error) { assign_parsed(json, error, write_error_json); }
void to_json(nlohmann::json& json, const ReviewSummary& summary) {
  assign_parsed(json, summary, write_summary_json);
}

}  // namespace itaku
