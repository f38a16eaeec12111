#include "registry_rows.hpp"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace itaku::bench {
namespace {

using nlohmann::json;

Field text_or_null(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? Field::of(it->get<std::string>()) : Field::null();
}

Field flag_or_null(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_boolean() ? Field::of(it->get<bool>() ? 1 : 0) : Field::null();
}

Field integer_or_null(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? Field::of(it->get<long long>()) : Field::null();
}

bool flag(const json& object, const char* key, bool fallback) {
  const auto it = object.find(key);
  return it != object.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

}  // namespace

const char* table_name(Table table) {
  switch (table) {
    case Table::kVendors:
      return "vendors";
    case Table::kVendorCertifications:
      return "vendor_certifications";
    case Table::kPersons:
      return "persons";
    case Table::kEngagements:
      return "engagements";
    case Table::kEngagementClauses:
      return "engagement_clauses";
    case Table::kVerifications:
      return "verifications";
    case Table::kAuditLog:
      return "audit_log";
    case Table::kAuditHead:
      return "audit_head";
  }
  return "";
}

const std::vector<std::string>& table_columns(Table table) {
  static const std::map<Table, std::vector<std::string>> kColumns = {
      {Table::kVendors, {"id", "corporate_number", "name", "country"}},
      {Table::kVendorCertifications, {"id", "vendor_id", "scheme", "number", "valid_until"}},
      {Table::kPersons, {"id", "name", "department", "email", "active"}},
      {Table::kEngagements,
       {"id",
        "ref",
        "kind",
        "title",
        "department",
        "status",
        "responsible_person_id",
        "vendor_id",
        "confidentiality",
        "integrity",
        "availability",
        "personal_data",
        "my_number",
        "network_zone",
        "period_start",
        "period_end",
        "subcontracting_used",
        "subcontracting_approved",
        "subcontracting_flow_down",
        "verification_interval_months",
        "section_json",
        "created_at",
        "updated_at"}},
      {Table::kEngagementClauses, {"engagement_id", "clause_id", "position"}},
      {Table::kVerifications, {"id", "engagement_id", "position", "verified_on", "result", "verifier", "notes"}},
      {Table::kAuditLog,
       {"id", "at", "actor", "action", "entity", "entity_key", "before_json", "after_json", "prev_hash", "hash"}},
      {Table::kAuditHead, {"id", "entries", "last_id", "last_hash"}},
  };
  return kColumns.at(table);
}

bool has_generated_id(Table table) { return table != Table::kEngagementClauses && table != Table::kAuditHead; }

long long RowPlanner::vendor_id(const json& vendor) {
  const Field corporate_number = text_or_null(vendor, "corporate_number");
  const std::string name = vendor.at("name").get<std::string>();
  // The same identity rule as the store's two partial unique indexes.
  const std::string key = corporate_number.kind == Field::Kind::kText ? "n:" + corporate_number.text : "v:" + name;
  Row row = {Field::null(), corporate_number, Field::of(name), text_or_null(vendor, "country")};
  auto [it, inserted] = vendors_.try_emplace(key);
  if (inserted) {
    row[0] = Field::of(next_id(Table::kVendors));
    it->second = {row, row};
    sink_.insert(Table::kVendors, row);
    shared_in_order_.emplace_back(Table::kVendors, &it->second);
  } else {
    row[0] = it->second.current[0];
    row[1] = it->second.current[1];  // the corporate number never changes once stored
    it->second.current = std::move(row);
  }
  return it->second.current[0].integer;
}

const Row& RowPlanner::person_row(const json& person) {
  const std::string name = person.at("name").get<std::string>();
  const std::string department = person.at("department").get<std::string>();
  Row row = {Field::null(), Field::of(name), Field::of(department), text_or_null(person, "email"),
             Field::of(flag(person, "active", true) ? 1 : 0)};
  auto [it, inserted] = persons_.try_emplace(name + '\x1f' + department);
  if (inserted) {
    row[0] = Field::of(next_id(Table::kPersons));
    it->second = {row, row};
    sink_.insert(Table::kPersons, row);
    shared_in_order_.emplace_back(Table::kPersons, &it->second);
  } else {
    row[0] = it->second.current[0];
    // A record without an e-mail address does not erase a known one.
    if (row[3].kind == Field::Kind::kNull) row[3] = it->second.current[3];
    it->second.current = std::move(row);
  }
  return it->second.current;
}

// The after-image lists the vendor's stored certifications with the record's merged in (same
// scheme and number: the record's valid_until), and every certification becomes a row.
void RowPlanner::merge_certifications(long long vendor, json& vendor_json) {
  auto& stored = certifications_of_vendor_[vendor];
  const auto incoming = vendor_json.find("certifications");
  if (incoming != vendor_json.end()) {
    for (const auto& item : *incoming) {
      StoredCertification certification{item.at("scheme").get<std::string>(),
                                        item.contains("number") ? item["number"].get<std::string>() : std::string(),
                                        item.at("valid_until").get<std::string>()};
      const std::string key = std::to_string(vendor) + '\x1f' + certification.scheme + '\x1f' + certification.number;
      Row row = {Field::null(), Field::of(vendor), Field::of(certification.scheme), Field::of(certification.number),
                 Field::of(certification.valid_until)};
      auto [it, inserted] = certifications_.try_emplace(key);
      if (inserted) {
        row[0] = Field::of(next_id(Table::kVendorCertifications));
        it->second = {row, row};
        sink_.insert(Table::kVendorCertifications, row);
        shared_in_order_.emplace_back(Table::kVendorCertifications, &it->second);
        stored.push_back(std::move(certification));
      } else {
        row[0] = it->second.current[0];
        it->second.current = std::move(row);
        for (auto& known : stored) {
          if (known.scheme == certification.scheme && known.number == certification.number) {
            known.valid_until = certification.valid_until;
          }
        }
      }
    }
  }
  if (stored.empty()) {
    vendor_json.erase("certifications");
    return;
  }
  json merged = json::array();
  for (const auto& certification : stored) {
    json item = {{"scheme", certification.scheme}, {"valid_until", certification.valid_until}};
    if (!certification.number.empty()) item["number"] = certification.number;
    merged.push_back(std::move(item));
  }
  vendor_json["certifications"] = std::move(merged);
}

void RowPlanner::add_record(json& record) {
  const std::string ref = record.at("ref").get<std::string>();
  const std::string kind = record.at("kind").get<std::string>();
  if (!record.contains("status")) record["status"] = "active";

  Field vendor = Field::null();
  if (auto it = record.find("vendor"); it != record.end()) {
    vendor = Field::of(vendor_id(*it));
    merge_certifications(vendor.integer, *it);
  }
  Field person = Field::null();
  if (auto it = record.find("responsible_person"); it != record.end()) {
    const Row& stored = person_row(*it);
    person = stored[0];
    if (!it->contains("email") && stored[3].kind == Field::Kind::kText) (*it)["email"] = stored[3].text;
    if (flag(*it, "active", true)) it->erase("active");  // the after-image states only an inactive person
  }

  json& information = record.at("information");
  const bool personal_data = flag(information, "personal_data", false);
  const bool my_number = flag(information, "my_number", false);
  information["personal_data"] = personal_data;
  information["my_number"] = my_number;
  const json& period = record.at("period");
  const auto subcontracting = record.find("subcontracting");
  const bool has_subcontracting = subcontracting != record.end();
  const auto section = record.find(kind);
  const std::string now = utc_timestamp();
  const long long engagement = next_id(Table::kEngagements);

  sink_.insert(Table::kEngagements,
               {Field::of(engagement),
                Field::of(ref),
                Field::of(kind),
                text_or_null(record, "title"),
                text_or_null(record, "department"),
                text_or_null(record, "status"),
                person,
                vendor,
                Field::of(information.at("confidentiality").get<long long>()),
                Field::of(information.at("integrity").get<long long>()),
                Field::of(information.at("availability").get<long long>()),
                Field::of(personal_data ? 1 : 0),
                Field::of(my_number ? 1 : 0),
                text_or_null(record, "network_zone"),
                text_or_null(period, "start"),
                text_or_null(period, "end"),
                has_subcontracting ? Field::of(flag(*subcontracting, "used", false) ? 1 : 0) : Field::null(),
                has_subcontracting ? flag_or_null(*subcontracting, "approved") : Field::null(),
                has_subcontracting ? flag_or_null(*subcontracting, "flow_down") : Field::null(),
                integer_or_null(record, "verification_interval_months"),
                section != record.end() ? Field::of(section->dump()) : Field::null(),
                Field::of(now),
                Field::of(now)});
  if (has_subcontracting && !subcontracting->contains("used")) (*subcontracting)["used"] = false;

  if (auto clauses = record.find("clauses"); clauses != record.end()) {
    long long position = 0;
    for (const auto& clause : *clauses) {
      sink_.insert(Table::kEngagementClauses,
                   {Field::of(engagement), Field::of(clause.get<std::string>()), Field::of(position++)});
    }
  }
  if (auto verifications = record.find("verifications"); verifications != record.end()) {
    long long position = 0;
    for (const auto& item : *verifications) {
      sink_.insert(Table::kVerifications,
                   {Field::of(next_id(Table::kVerifications)), Field::of(engagement), Field::of(position++),
                    text_or_null(item, "date"), text_or_null(item, "result"), text_or_null(item, "verifier"),
                    text_or_null(item, "notes")});
    }
  }

  const std::string after = record.dump();
  const std::string action = "import.create";
  const std::string entity = "engagement";
  const std::string before;
  const std::string hash = audit_hash({&previous_hash_, &now, &actor_, &action, &entity, &ref, &before, &after});
  sink_.insert(Table::kAuditLog, {Field::of(next_id(Table::kAuditLog)), Field::of(now), Field::of(actor_),
                                  Field::of(action), Field::of(entity), Field::of(ref), Field::null(), Field::of(after),
                                  Field::of(previous_hash_), Field::of(hash)});
  previous_hash_ = hash;
  ++audit_entries_;
}

void RowPlanner::finish() {
  for (const auto& [table, shared] : shared_in_order_) {
    if (!(shared->current == shared->inserted)) sink_.update(table, shared->current);
  }
  if (audit_entries_ > 0) {
    sink_.update(Table::kAuditHead, {Field::of(1), Field::of(audit_entries_), Field::of(last_id_[Table::kAuditLog]),
                                     Field::of(previous_hash_)});
  }
}

std::string audit_hash(const std::vector<const std::string*>& fields_in_order) {
  static const bool initialised = sodium_init() >= 0;
  if (!initialised) throw std::runtime_error("libsodium could not be initialised");
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  for (const std::string* field : fields_in_order) {
    const std::string length = std::to_string(field->size()) + ":";
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(length.data()), length.size());
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(field->data()), field->size());
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string schema_script(const std::string& migrations_dir, const std::string& id_type) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(migrations_dir)) {
    if (entry.path().extension() == ".sql") files.push_back(entry.path());
  }
  if (files.empty()) throw std::runtime_error("no migrations (*.sql) in " + migrations_dir);
  std::sort(files.begin(), files.end());  // NNN_ prefixes sort in version order
  // Recorded as core/src/registry/migrations.cpp records them, so that itaku can open the
  // baseline's database too (to compare or profile reads on the same rows).
  std::string script =
      "CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);\n";
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    script.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    const std::string stem = file.stem().string();  // "003_audit_head"
    const std::size_t underscore = stem.find('_');
    script += "\nINSERT INTO schema_migrations (version, name, applied_at) VALUES (" +
              std::to_string(std::stoi(stem.substr(0, underscore))) + ", '" + stem.substr(underscore + 1) + "', '" +
              utc_timestamp() + "');\n";
  }
  for (size_t at = script.find("{{ID}}"); at != std::string::npos; at = script.find("{{ID}}", at)) {
    script.replace(at, 6, id_type);
  }
  return script;
}

std::string utc_timestamp() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace itaku::bench
