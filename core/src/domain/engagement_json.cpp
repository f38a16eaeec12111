#include "itaku/domain/engagement_json.hpp"

#include <string_view>

#include "itaku/error.hpp"

namespace itaku {
namespace {

using nlohmann::json;

const json* member(const json& object, std::string_view key) {
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

[[noreturn]] void malformed(const std::string& pointer, const std::string& expected) {
  throw Error(ErrorCode::kInvalidArgument, "expected " + expected, pointer);
}

const std::string& text(const json& value, const std::string& pointer) {
  if (!value.is_string()) malformed(pointer, "a string");
  return value.get_ref<const std::string&>();
}

std::optional<std::string> optional_text(const json& object, std::string_view key, const std::string& pointer) {
  const json* value = member(object, key);
  if (!value) return std::nullopt;
  return text(*value, pointer + "/" + std::string(key));
}

bool optional_flag(const json& object, std::string_view key, bool fallback) {
  const json* value = member(object, key);
  return value && value->is_boolean() ? value->get<bool>() : fallback;
}

std::optional<bool> tristate(const json& object, std::string_view key) {
  const json* value = member(object, key);
  if (!value || !value->is_boolean()) return std::nullopt;
  return value->get<bool>();
}

Date date(const json& value, const std::string& pointer) {
  auto parsed = Date::parse(text(value, pointer));
  if (!parsed) malformed(pointer, "a calendar date YYYY-MM-DD");
  return *parsed;
}

int integer(const json& value, const std::string& pointer) {
  if (!value.is_number_integer()) malformed(pointer, "an integer");
  return value.get<int>();
}

Person person_from(const json& value, const std::string& pointer) {
  Person person;
  person.name = text(value.at("name"), pointer + "/name");
  person.department = text(value.at("department"), pointer + "/department");
  person.email = optional_text(value, "email", pointer);
  person.active = tristate(value, "active");
  return person;
}

Vendor vendor_from(const json& value) {
  Vendor vendor;
  vendor.name = text(value.at("name"), "/vendor/name");
  vendor.corporate_number = optional_text(value, "corporate_number", "/vendor");
  vendor.country = optional_text(value, "country", "/vendor");
  if (const json* certifications = member(value, "certifications")) {
    size_t index = 0;
    for (const auto& item : *certifications) {
      const std::string pointer = "/vendor/certifications/" + std::to_string(index++);
      Certification certification;
      certification.scheme = text(item.at("scheme"), pointer + "/scheme");
      certification.number = optional_text(item, "number", pointer);
      certification.valid_until = date(item.at("valid_until"), pointer + "/valid_until");
      vendor.certifications.push_back(std::move(certification));
    }
  }
  return vendor;
}

EngagementStatus status_from(const std::string& name) {
  if (auto status = parse_engagement_status(name)) return *status;
  malformed("/status", "planned, active or terminated");
}

NetworkZone zone_from(const std::string& name) {
  if (auto zone = parse_network_zone(name)) return *zone;
  malformed("/network_zone", "mynumber, lgwan or internet");
}

VerificationResult result_from(const std::string& name, const std::string& pointer) {
  if (auto result = parse_verification_result(name)) return *result;
  malformed(pointer, "pass, conditional or fail");
}

json person_to_json(const Person& person) {
  json out = {{"name", person.name}, {"department", person.department}};
  if (person.email) out["email"] = *person.email;
  if (!person.is_active()) out["active"] = false;
  return out;
}

}  // namespace

const char* engagement_status_name(EngagementStatus status) noexcept {
  switch (status) {
    case EngagementStatus::kPlanned: return "planned";
    case EngagementStatus::kTerminated: return "terminated";
    case EngagementStatus::kActive: break;
  }
  return "active";
}

const char* network_zone_name(NetworkZone zone) noexcept {
  switch (zone) {
    case NetworkZone::kMyNumber: return "mynumber";
    case NetworkZone::kLgwan: return "lgwan";
    case NetworkZone::kInternet: break;
  }
  return "internet";
}

const char* verification_result_name(VerificationResult result) noexcept {
  switch (result) {
    case VerificationResult::kConditional: return "conditional";
    case VerificationResult::kFail: return "fail";
    case VerificationResult::kPass: break;
  }
  return "pass";
}

std::optional<EngagementStatus> parse_engagement_status(std::string_view name) noexcept {
  for (auto status : {EngagementStatus::kPlanned, EngagementStatus::kActive, EngagementStatus::kTerminated}) {
    if (name == engagement_status_name(status)) return status;
  }
  return std::nullopt;
}

std::optional<NetworkZone> parse_network_zone(std::string_view name) noexcept {
  for (auto zone : {NetworkZone::kMyNumber, NetworkZone::kLgwan, NetworkZone::kInternet}) {
    if (name == network_zone_name(zone)) return zone;
  }
  return std::nullopt;
}

std::optional<VerificationResult> parse_verification_result(std::string_view name) noexcept {
  for (auto result : {VerificationResult::kPass, VerificationResult::kConditional, VerificationResult::kFail}) {
    if (name == verification_result_name(result)) return result;
  }
  return std::nullopt;
}

Engagement engagement_from_json(const json& record) {
  if (!record.is_object()) malformed("", "a JSON object");
  Engagement engagement;
  engagement.ref = text(record.at("ref"), "/ref");
  engagement.kind = text(record.at("kind"), "/kind");
  engagement.title = text(record.at("title"), "/title");
  engagement.department = text(record.at("department"), "/department");
  if (const json* status = member(record, "status")) engagement.status = status_from(text(*status, "/status"));
  if (const json* person = member(record, "responsible_person")) {
    engagement.responsible_person = person_from(*person, "/responsible_person");
  }
  if (const json* vendor = member(record, "vendor")) engagement.vendor = vendor_from(*vendor);

  const json& information = record.at("information");
  engagement.information.confidentiality = integer(information.at("confidentiality"), "/information/confidentiality");
  engagement.information.integrity = integer(information.at("integrity"), "/information/integrity");
  engagement.information.availability = integer(information.at("availability"), "/information/availability");
  engagement.information.personal_data = optional_flag(information, "personal_data", false);
  engagement.information.my_number = optional_flag(information, "my_number", false);

  if (const json* zone = member(record, "network_zone")) engagement.network_zone = zone_from(text(*zone, "/network_zone"));

  const json& period = record.at("period");
  engagement.period.start = date(period.at("start"), "/period/start");
  if (const json* end = member(period, "end")) engagement.period.end = date(*end, "/period/end");

  if (const json* clauses = member(record, "clauses")) {
    size_t index = 0;
    for (const auto& clause : *clauses) {
      engagement.clauses.push_back(text(clause, "/clauses/" + std::to_string(index++)));
    }
  }
  if (const json* sub = member(record, "subcontracting")) {
    Subcontracting subcontracting;
    subcontracting.used = optional_flag(*sub, "used", false);
    subcontracting.approved = tristate(*sub, "approved");
    subcontracting.flow_down = tristate(*sub, "flow_down");
    engagement.subcontracting = subcontracting;
  }
  if (const json* interval = member(record, "verification_interval_months")) {
    engagement.verification_interval_months = integer(*interval, "/verification_interval_months");
  }
  if (const json* verifications = member(record, "verifications")) {
    size_t index = 0;
    for (const auto& item : *verifications) {
      const std::string pointer = "/verifications/" + std::to_string(index++);
      Verification verification;
      verification.date = date(item.at("date"), pointer + "/date");
      verification.result = result_from(text(item.at("result"), pointer + "/result"), pointer + "/result");
      verification.verifier = optional_text(item, "verifier", pointer);
      verification.notes = optional_text(item, "notes", pointer);
      if (const json* voided = member(item, "voided")) {
        const std::string at = pointer + "/voided";
        verification.voided = VerificationVoid{text(voided->at("at"), at + "/at"), text(voided->at("by"), at + "/by"),
                                               text(voided->at("reason"), at + "/reason")};
      }
      engagement.verifications.push_back(std::move(verification));
    }
  }
  if (const json* evidence = member(record, "clause_evidence")) {
    size_t index = 0;
    for (const auto& item : *evidence) {
      const std::string pointer = "/clause_evidence/" + std::to_string(index++);
      engagement.clause_evidence.push_back(
          {text(item.at("clause"), pointer + "/clause"), text(item.at("note"), pointer + "/note")});
    }
  }
  if (const json* termination = member(record, "termination")) {
    engagement.termination = Termination{date(termination->at("return_confirmed_on"), "/termination/return_confirmed_on"),
                                          optional_text(*termination, "note", "/termination")};
  }
  if (const json* section = member(record, engagement.kind)) engagement.section = *section;
  if (const json* ledger = member(record, "ledger")) {
    for (const auto& [header, text] : ledger->items()) engagement.ledger.emplace(header, text.get<std::string>());
  }
  return engagement;
}

json engagement_to_json(const Engagement& engagement) {
  json out = {{"ref", engagement.ref},
              {"kind", engagement.kind},
              {"title", engagement.title},
              {"department", engagement.department},
              {"status", engagement_status_name(engagement.status)}};
  if (engagement.responsible_person) out["responsible_person"] = person_to_json(*engagement.responsible_person);
  if (engagement.vendor) {
    const Vendor& vendor = *engagement.vendor;
    json v = {{"name", vendor.name}};
    if (vendor.corporate_number) v["corporate_number"] = *vendor.corporate_number;
    if (vendor.country) v["country"] = *vendor.country;
    if (!vendor.certifications.empty()) {
      json certifications = json::array();
      for (const auto& c : vendor.certifications) {
        json item = {{"scheme", c.scheme}, {"valid_until", c.valid_until.to_string()}};
        if (c.number) item["number"] = *c.number;
        certifications.push_back(std::move(item));
      }
      v["certifications"] = std::move(certifications);
    }
    out["vendor"] = std::move(v);
  }
  const auto& info = engagement.information;
  out["information"] = {{"confidentiality", info.confidentiality},
                        {"integrity", info.integrity},
                        {"availability", info.availability},
                        {"personal_data", info.personal_data},
                        {"my_number", info.my_number}};
  if (engagement.network_zone) out["network_zone"] = network_zone_name(*engagement.network_zone);
  out["period"] = {{"start", engagement.period.start.to_string()}};
  if (engagement.period.end) out["period"]["end"] = engagement.period.end->to_string();
  if (!engagement.clauses.empty()) out["clauses"] = engagement.clauses;
  if (engagement.subcontracting) {
    json sub = {{"used", engagement.subcontracting->used}};
    if (engagement.subcontracting->approved) sub["approved"] = *engagement.subcontracting->approved;
    if (engagement.subcontracting->flow_down) sub["flow_down"] = *engagement.subcontracting->flow_down;
    out["subcontracting"] = std::move(sub);
  }
  if (engagement.verification_interval_months) {
    out["verification_interval_months"] = *engagement.verification_interval_months;
  }
  if (!engagement.verifications.empty()) {
    json verifications = json::array();
    for (const auto& v : engagement.verifications) {
      json item = {{"date", v.date.to_string()}, {"result", verification_result_name(v.result)}};
      if (v.verifier) item["verifier"] = *v.verifier;
      if (v.notes) item["notes"] = *v.notes;
      if (v.voided) item["voided"] = {{"at", v.voided->at}, {"by", v.voided->by}, {"reason", v.voided->reason}};
      verifications.push_back(std::move(item));
    }
    out["verifications"] = std::move(verifications);
  }
  if (!engagement.clause_evidence.empty()) {
    json evidence = json::array();
    for (const auto& item : engagement.clause_evidence) evidence.push_back({{"clause", item.clause}, {"note", item.note}});
    out["clause_evidence"] = std::move(evidence);
  }
  if (engagement.termination) {
    json termination = {{"return_confirmed_on", engagement.termination->return_confirmed_on.to_string()}};
    if (engagement.termination->note) termination["note"] = *engagement.termination->note;
    out["termination"] = std::move(termination);
  }
  if (!engagement.section.is_null()) out[engagement.kind] = engagement.section;
  if (!engagement.ledger.empty()) out["ledger"] = engagement.ledger;
  return out;
}

}  // namespace itaku
