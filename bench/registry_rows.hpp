// The rows `itaku import` writes for each record, planned without Itaku's code so that the raw
// baselines write the same rows by the shortest path (core/src/registry/soci_registry.cpp and
// core/src/service/registry_service.cpp are the reference):
//   engagements          one row per record
//   vendors              one per company: by corporate_number when given, else by name; the last
//                        record's name and country win
//   vendor_certifications one per (vendor, scheme, number); the last record's valid_until wins
//   persons              one per (name, department); email kept when a later record gives none
//   engagement_clauses   one per clause, with its position
//   verifications        one per verification, with its position
//   audit_log            one "import.create" entry per record: the engagement's JSON after-image
//                        (vendor certifications merged with the stored ones) and a SHA-256 chain
//   audit_head           its one row (created by the migration) counts the entries and names the
//                        last one: itaku keeps it with every append, a loader sets it once
// Not planned: the optional `clause_evidence` and `termination` fields (the synthetic records carry
// neither; store_summary.hpp's check would show the difference if they did).
// Ids are assigned here, so a loader needs no round trip to learn them. Shared rows (vendors,
// certifications, persons) are inserted when first seen and updated once at the end if a later
// record changed them: the final database state is the same as itaku's.
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace itaku::bench {

struct Field {
  enum class Kind { kNull, kInteger, kText };
  Kind kind = Kind::kNull;
  long long integer = 0;
  std::string text;

  static Field null() { return {}; }
  static Field of(long long value) { return {Kind::kInteger, value, {}}; }
  static Field of(std::string value) { return {Kind::kText, 0, std::move(value)}; }
  bool operator==(const Field&) const = default;
};

using Row = std::vector<Field>;

enum class Table {
  kVendors,
  kVendorCertifications,
  kPersons,
  kEngagements,
  kEngagementClauses,
  kVerifications,
  kAuditLog,
  kAuditHead
};
// In an order that satisfies the foreign keys.
inline constexpr Table kAllTables[] = {
    Table::kVendors,           Table::kVendorCertifications, Table::kPersons,  Table::kEngagements,
    Table::kEngagementClauses, Table::kVerifications,        Table::kAuditLog, Table::kAuditHead};

const char* table_name(Table table);
// Column names of the rows planned for `table`, in row order. Tables with an id have it first.
const std::vector<std::string>& table_columns(Table table);
// True when the table's first column is its generated id (a sequence to advance after a COPY).
bool has_generated_id(Table table);

// Where planned rows go. Inserts arrive in an order that satisfies the foreign keys.
class RowSink {
 public:
  virtual ~RowSink() = default;
  virtual void insert(Table table, const Row& row) = 0;
  // Sets every column but the first (the id) of the row whose id is row[0].
  virtual void update(Table table, const Row& row) = 0;
};

class RowPlanner {
 public:
  RowPlanner(RowSink& sink, std::string actor) : sink_(sink), actor_(std::move(actor)) {}

  // The record as parsed from one JSON Lines line (valid; not checked). It is modified in place
  // into the after-image.
  void add_record(nlohmann::json& record);
  // Emits the updates of shared rows that later records changed, and of the audit head.
  void finish();

 private:
  struct SharedRow {
    Row inserted;
    Row current;
  };
  struct StoredCertification {
    std::string scheme;
    std::string number;  // "" when the record gives none, as itaku stores it
    std::string valid_until;
  };

  long long vendor_id(const nlohmann::json& vendor);
  // The person's stored row after this record: id first, email as the store keeps it.
  const Row& person_row(const nlohmann::json& person);
  void merge_certifications(long long vendor, nlohmann::json& vendor_json);
  long long next_id(Table table) { return ++last_id_[table]; }

  RowSink& sink_;
  std::string actor_;
  std::map<Table, long long> last_id_;
  std::unordered_map<std::string, SharedRow> vendors_;
  std::unordered_map<std::string, SharedRow> persons_;
  std::unordered_map<std::string, SharedRow> certifications_;
  std::unordered_map<long long, std::vector<StoredCertification>> certifications_of_vendor_;
  std::vector<std::pair<Table, SharedRow*>> shared_in_order_;
  std::string previous_hash_;
  long long audit_entries_ = 0;
};

// SHA-256 over the length-prefixed fields, as core/src/registry/audit_hash.cpp computes it.
std::string audit_hash(const std::vector<const std::string*>& fields_in_order);

// The schema itaku's migrations create, for `id_type` ("INTEGER PRIMARY KEY AUTOINCREMENT" or
// "BIGSERIAL PRIMARY KEY"): every NNN_name.sql file of `migrations_dir` in order, {{ID}} replaced,
// each recorded in schema_migrations as itaku records it.
std::string schema_script(const std::string& migrations_dir, const std::string& id_type);

// "YYYY-MM-DDTHH:MM:SSZ", now.
std::string utc_timestamp();

}  // namespace itaku::bench
