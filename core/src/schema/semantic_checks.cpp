#include "schema/semantic_checks.hpp"

#include <algorithm>

#include "itaku/domain/corporate_number.hpp"
#include "itaku/domain/date.hpp"
#include "schema/issue_messages.hpp"
#include "schema/json_pointer.hpp"

namespace itaku::detail {
namespace {

using nlohmann::json;

const json* member(const json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

const std::string* string_member(const json& object, const char* key) {
  const json* value = member(object, key);
  return value && value->is_string() ? &value->get_ref<const std::string&>() : nullptr;
}

bool looks_like_date(const std::string& text) {
  return text.size() == 10 && text[4] == '-' && text[7] == '-';
}

// A date-shaped string that names no calendar day (2025-02-30, 2023-02-29).
std::optional<Date> check_date(const json& object, const char* key, const std::string& pointer,
                               std::vector<ValidationIssue>& issues) {
  const std::string* text = string_member(object, key);
  if (!text) return std::nullopt;
  auto date = Date::parse(*text);
  if (!date && looks_like_date(*text)) {
    issues.push_back({pointer + "/" + key, "expected a real calendar date, got '" + *text + "' (no such day)",
                      "存在しない日付です（入力値「" + *text + "」）"});
  }
  return date;
}

void check_corporate_number(const json& record, std::vector<ValidationIssue>& issues) {
  const json* vendor = member(record, "vendor");
  if (!vendor) return;
  const std::string* number = string_member(*vendor, "corporate_number");
  if (!number || number->size() != 13 || number->find_first_not_of("0123456789") != std::string::npos) return;
  const auto check = corporate_number_check_digit(std::string_view(*number).substr(1));
  if (check && *check != (*number)[0] - '0') {
    issues.push_back({"/vendor/corporate_number",
                      "not a valid 法人番号 (corporate number): the check digit for " + number->substr(1) + " is " +
                          std::to_string(*check) + ", but the number starts with " + number->substr(0, 1) +
                          " (check for a typing error)",
                      "法人番号が正しくありません: " + number->substr(1) + " のチェックデジットは " + std::to_string(*check) +
                          " ですが、先頭は " + number->substr(0, 1) + " です（入力誤りがないか確認してください）"});
  }
}

void check_dates(const json& record, std::vector<ValidationIssue>& issues) {
  if (const json* period = member(record, "period")) {
    auto start = check_date(*period, "start", "/period", issues);
    auto end = check_date(*period, "end", "/period", issues);
    if (start && end && *end < *start) {
      issues.push_back({"/period/end",
                        "the contract end " + end->to_string() + " is before its start " + start->to_string() +
                            " (expected end >= start)",
                        "契約の終了日 " + end->to_string() + " が開始日 " + start->to_string() + " より前です"});
    }
  }
  if (const json* vendor = member(record, "vendor")) {
    if (const json* certifications = member(*vendor, "certifications"); certifications && certifications->is_array()) {
      for (size_t i = 0; i < certifications->size(); ++i) {
        check_date((*certifications)[i], "valid_until", "/vendor/certifications/" + std::to_string(i), issues);
      }
    }
  }
  if (const json* verifications = member(record, "verifications"); verifications && verifications->is_array()) {
    for (size_t i = 0; i < verifications->size(); ++i) {
      check_date((*verifications)[i], "date", "/verifications/" + std::to_string(i), issues);
    }
  }
}

// Every contract-clause ID in `list` (at `pointer`, reading `key` of each item when given).
void check_clause_ids(const json& list, const std::string& pointer, const char* key, const ClauseCatalogue& catalogue,
                      std::vector<ValidationIssue>& issues) {
  if (!list.is_array()) return;
  for (size_t i = 0; i < list.size(); ++i) {
    const json* clause = key ? member(list[i], key) : &list[i];
    if (!clause || !clause->is_string()) continue;
    const std::string& id = clause->get_ref<const std::string&>();
    if (catalogue.clause_ids.count(id)) continue;
    const std::string range = catalogue.clause_ids.empty()
                                  ? std::string("none are loaded")
                                  : *catalogue.clause_ids.begin() + " … " + *catalogue.clause_ids.rbegin();
    const bool requirement = catalogue.requirement_ids.count(id) > 0;
    const std::vector<std::string> known(catalogue.clause_ids.begin(), catalogue.clause_ids.end());
    const std::string meant = requirement ? std::string() : nearest_clause_id(id, known);
    const std::string item = std::to_string(i + 1);
    const std::string name = pointer.substr(1);
    std::string en = name + " item " + item + ": " +
                     (requirement ? "'" + id + "' is a requirement, not a contract clause (contract clauses: " + range + ")"
                                  : "unknown contract-clause ID '" + id + "' (contract clauses: " + range + ")");
    std::string ja = name + " の " + item + " 番目: " +
                     (requirement ? "「" + id + "」は要件で、契約条項ではありません（契約条項: " + range + "）"
                                  : "契約条項 ID「" + id + "」はありません（契約条項: " + range + "）");
    if (!meant.empty()) {
      en += "; did you mean '" + meant + "'?";
      ja += "。「" + meant + "」ではありませんか";
    }
    issues.push_back({pointer + "/" + std::to_string(i) + (key ? std::string("/") + key : std::string()), en, ja});
  }
}

void check_clauses(const json& record, const ClauseCatalogue& catalogue, std::vector<ValidationIssue>& issues) {
  if (const json* clauses = member(record, "clauses")) check_clause_ids(*clauses, "/clauses", nullptr, catalogue, issues);
  if (const json* evidence = member(record, "clause_evidence")) {
    check_clause_ids(*evidence, "/clause_evidence", "clause", catalogue, issues);
  }
}

void check_termination(const json& record, std::vector<ValidationIssue>& issues) {
  const json* termination = member(record, "termination");
  if (!termination || !termination->is_object()) return;
  check_date(*termination, "return_confirmed_on", "/termination", issues);
  const std::string* status = string_member(record, "status");
  if (!status || *status != "terminated") {
    issues.push_back({"/termination", "a termination is recorded only for an engagement whose status is 'terminated'",
                      "終了の記録（termination）は状態が terminated の契約にだけ付けられます"});
  }
}

// U+0000 cannot be stored by PostgreSQL (libpq passes C strings) and would be cut there
// silently; no record needs it, so it is refused on every backend alike.
bool contains_nul(const json& value) {
  if (value.is_string()) return value.get_ref<const std::string&>().find('\0') != std::string::npos;
  if (value.is_structured()) {
    for (const auto& child : value) {
      if (contains_nul(child)) return true;
    }
  }
  return false;
}

// Names every string holding a NUL. Walks with JSON Pointers only once a NUL is known to be
// there: building a pointer per value cost every valid record a few per cent of an import.
void name_nul_strings(const json& value, const std::string& pointer, std::vector<ValidationIssue>& issues) {
  if (value.is_string()) {
    if (value.get_ref<const std::string&>().find('\0') != std::string::npos) {
      issues.push_back({pointer, "text may not contain the NUL character (U+0000)", "文字列に NUL 文字（U+0000）は使えません"});
    }
  } else if (value.is_object()) {
    for (const auto& [key, child] : value.items()) name_nul_strings(child, pointer_child(pointer, key), issues);
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) name_nul_strings(value[i], pointer + "/" + std::to_string(i), issues);
  }
}

}  // namespace

void check_semantics(const json& record, const ClauseCatalogue& clauses, std::vector<ValidationIssue>& issues) {
  check_corporate_number(record, issues);
  check_dates(record, issues);
  check_clauses(record, clauses, issues);
  check_termination(record, issues);
  if (contains_nul(record)) name_nul_strings(record, "", issues);
}

}  // namespace itaku::detail
