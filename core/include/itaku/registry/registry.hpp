// The registry: the security office's record of every engagement, vendor, responsible person,
// verification, assessment and change. An abstract store (leveldb's DB/DBImpl split): the SOCI
// implementation lives in core/src/registry, and no SQL exists outside it.
//
// Every method may throw itaku::Error: kUnavailable when the database is busy or unreachable
// (retrying may help), kFailedPrecondition when its schema is newer than this binary,
// kNotFound / kAlreadyExists / kInvalidArgument as documented, kInternal otherwise. Writes
// happen inside a Transaction; a transaction destroyed without commit() is rolled back.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "itaku/domain/date.hpp"
#include "itaku/domain/engagement.hpp"
#include "itaku/domain/role.hpp"
#include "itaku/error.hpp"

namespace itaku {

struct EngagementFilter {
  std::optional<std::string> kind;
  std::optional<std::string> department;
};

enum class UpsertOutcome { kCreated, kUpdated, kUnchanged };

// A record that names a registered 法人番号 with another vendor name. The registered name is
// kept (docs: README "Vendors keep their registered name"); `itaku vendor rename` changes it.
struct VendorNameConflict {
  std::string corporate_number;
  std::string registered_name;
  std::string given_name;
};

struct UpsertResult {
  UpsertOutcome outcome = UpsertOutcome::kUnchanged;
  std::optional<Engagement> before;  // as stored before, when the ref existed
  Engagement after;                  // as stored now (vendor certifications merged, registered name kept)
  std::optional<VendorNameConflict> vendor_conflict;
};

struct StoredPerson {
  long long id = 0;
  Person person;
  std::size_t engagements = 0;  // engagements naming this person as responsible
};

struct StoredAssessment {
  std::string ref;
  Date as_of;
  std::string plugin;
  std::string plugin_version;
  std::string assessed_at;  // UTC, ISO 8601
  std::string actor;
  std::string result_json;  // the review result as in the docs/records.md report
};

struct AuditEntry {
  long long id = 0;
  std::string at;          // UTC, ISO 8601 with seconds
  std::string actor;
  std::string action;      // import.create, import.update, verification.add, ...
  std::string entity;      // engagement, person, vendor, ...
  std::string entity_key;  // ref, person id, corporate number ...
  std::string before_json; // "" when the entity did not exist
  std::string after_json;  // "" when the entity was removed
  std::string prev_hash;   // hash of the previous entry ("" for the first)
  std::string hash;        // SHA-256 over prev_hash and this entry's fields, hex
};

struct StoredVendor {
  long long id = 0;
  Vendor vendor;                // with its certifications
  std::size_t engagements = 0;  // engagements with this vendor
};

// A vendor change (a certification, a new name): the vendor before, and after as stored now.
struct VendorChange {
  Vendor before;
  StoredVendor after;
};

// A REST API token as stored: never the token itself, only its SHA-256.
struct ApiToken {
  std::string name;  // unique, also after revocation; the actor of what the token changes
  Role role = Role::kAuditor;
  std::optional<std::string> department;
  std::string token_hash;  // SHA-256 of the token, hex
  std::string created_at;  // UTC, ISO 8601
  std::optional<std::string> revoked_at;
};

// What the trail's last append recorded: a trail shorter than this lost its newest entries.
struct AuditHead {
  long long entries = 0;
  long long last_id = 0;
  std::string last_hash;
};

class Registry {
 public:
  class Transaction {
   public:
    virtual ~Transaction() = default;
    virtual void commit() = 0;
  };

  // Only commands that write may create a registry: a reading command given a mistyped path
  // must say so, not show an empty registry as if it were the office's (README, "The registry").
  enum class OpenMode { kCreateIfMissing, kExistingOnly };

  // `location`: a SQLite file path (its directory must exist) or a postgresql:// URL
  // (postgresql://user:password@host:port/dbname?sslmode=...). Creates the registry's tables when
  // `mode` allows, and applies pending numbered migrations. Errors: kInvalidArgument (bad URL,
  // directory missing or not writable), kNotFound (kExistingOnly and no file, or a database
  // without Itaku's tables), kUnavailable (server unreachable, database busy),
  // kFailedPrecondition (schema newer than this binary).
  static Result<std::unique_ptr<Registry>> open(const std::string& location, OpenMode mode = OpenMode::kCreateIfMissing);

  virtual ~Registry() = default;

  // "sqlite3:/path/itaku.db" or "postgresql://host:port/dbname" (no password), for messages.
  virtual std::string describe() const = 0;
  virtual int schema_version() = 0;
  // Begins a write transaction (on SQLite, takes the write lock at once: BEGIN IMMEDIATE; on
  // PostgreSQL, locks the audit trail against other writers: see begin() in the store).
  virtual std::unique_ptr<Transaction> begin() = 0;
  // Begins a read-only transaction: every read until it ends sees one snapshot (SQLite: a
  // deferred transaction holding its WAL snapshot; PostgreSQL: REPEATABLE READ READ ONLY), so a
  // read of several statements (an export, the audit trail and its head) is consistent. Writers
  // are not blocked. Writing inside it is an error.
  virtual std::unique_ptr<Transaction> begin_read() = 0;

  // --- engagements (with their vendor, person, clauses and verifications) ---
  virtual std::optional<Engagement> find_engagement(const std::string& ref) = 0;
  // The same inside a write transaction, locking the engagement until it ends, so that a
  // read-modify-write (adding a verification) cannot lose a concurrent one (PostgreSQL: FOR
  // UPDATE; SQLite's write transaction already excludes other writers).
  virtual std::optional<Engagement> find_engagement_for_update(const std::string& ref) = 0;
  // Inserts or updates the engagement with this ref; vendors (by 法人番号, else by name) and
  // persons (by name and department) are shared and updated in place: a vendor keeps the
  // certifications it already had (same scheme and number: renewed), a person keeps a known
  // e-mail address when the record gives none. History is append-only: stored verifications
  // (with their voids) and clause evidence are kept, and those of `engagement` not yet stored
  // are appended. `absent` says what becomes of the other optional fields `engagement` leaves
  // out: cleared (a full replacement) or kept (an import; with_absent_fields_kept). Writes
  // nothing when nothing changes.
  enum class AbsentFields { kCleared, kKept };
  virtual UpsertResult upsert_engagement(const Engagement& engagement, AbsentFields absent = AbsentFields::kCleared) = 0;
  // Upserts each engagement as upsert_engagement would, in order, and returns the results in
  // that order. Refs must be distinct (kInvalidArgument otherwise). A store that pays a network
  // round trip per statement writes the new engagements of the batch in a few statements.
  // `given` (with AbsentFields::kKept; empty, or one per engagement): the records as they were
  // given, which say which optional fields a record leaves out. An Engagement cannot: its
  // defaults (status active, my_number false …) would overwrite what is stored.
  virtual std::vector<UpsertResult> upsert_engagements(const std::vector<Engagement>& batch,
                                                       AbsentFields absent = AbsentFields::kCleared,
                                                       const std::vector<nlohmann::json>& given = {}) = 0;
  // Voids the verification at `position` (0-based, in the order stored) of the engagement: the
  // only change a stored verification ever sees. kNotFound for an unknown ref or position,
  // kAlreadyExists when it is already voided.
  virtual void void_verification(const std::string& ref, std::size_t position, const VerificationVoid& void_entry) = 0;
  // Calls `visit` for each matching engagement, ordered by ref; reads in pages, so memory does
  // not grow with the registry.
  virtual void for_each_engagement(const EngagementFilter& filter, const std::function<void(Engagement&&)>& visit) = 0;
  virtual std::size_t count_engagements(const EngagementFilter& filter) = 0;
  // At most `limit` matching engagements with refs after `after` ("" for the first page), in ref order.
  virtual std::vector<Engagement> engagements_page(const EngagementFilter& filter, const std::string& after,
                                                   std::size_t limit) = 0;
  // At most `limit` vendors with ids above `after_id`, in id order.
  virtual std::vector<StoredVendor> vendors_page(long long after_id, std::size_t limit) = 0;
  // Lets the query planner see the registry's current size (after a large import): without it
  // PostgreSQL plans the first reviews for empty tables. Outside a transaction.
  virtual void refresh_statistics() = 0;

  // --- persons (責任者) ---
  // Ordered by department and name.
  virtual std::vector<StoredPerson> list_persons(bool include_inactive) = 0;
  virtual std::optional<StoredPerson> find_person(long long id) = 0;
  // kAlreadyExists when a person with this name and department is registered.
  virtual StoredPerson add_person(const Person& person) = 0;
  // kNotFound for an unknown id.
  virtual void set_person_active(long long id, bool active) = 0;
  // Refs of the engagements naming the person as responsible, in ref order.
  virtual std::vector<std::string> engagements_of_person(long long id) = 0;

  // --- assessments ---
  // kNotFound when no engagement has assessment.ref.
  virtual void add_assessment(const StoredAssessment& assessment) = 0;
  virtual std::optional<StoredAssessment> last_assessment(const std::string& ref) = 0;
  // Every stored assessment of the engagement, newest first.
  virtual std::vector<StoredAssessment> assessments_of(const std::string& ref) = 0;

  // --- REST API tokens ---
  // kAlreadyExists when the name is taken (revoked tokens keep their names).
  virtual void add_token(const ApiToken& token) = 0;
  // Ordered by name.
  virtual std::vector<ApiToken> list_tokens() = 0;
  virtual std::optional<ApiToken> find_token(const std::string& name) = 0;
  virtual std::optional<ApiToken> find_token_by_hash(const std::string& token_hash) = 0;
  // Marks the token revoked at `at`. kNotFound for an unknown name; revoking twice keeps the first time.
  virtual void revoke_token(const std::string& name, const std::string& at) = 0;

  // --- vendor certifications ---
  // Adds the certification to the vendor with this 法人番号 (13 digits) or, for a vendor without
  // one, this name; the same scheme and number renews it. kNotFound when no such vendor is
  // registered.
  virtual VendorChange put_certification(const std::string& vendor_key, const Certification& certification) = 0;
  // Gives the vendor with this 法人番号 a new name (the only way a registered name changes).
  // kNotFound when no such vendor is registered.
  virtual VendorChange rename_vendor(const std::string& corporate_number, const std::string& name) = 0;

  // --- audit trail (append-only, hash-chained) ---
  // Appends an entry, filling id, prev_hash and hash.
  virtual AuditEntry append_audit(AuditEntry entry) = 0;
  // Appends the entries in order, as append_audit would one by one.
  virtual std::vector<AuditEntry> append_audits(std::vector<AuditEntry> entries) = 0;
  virtual AuditHead audit_head() = 0;
  // Entries in order; only those for `entity_key` when given.
  virtual void for_each_audit(const std::optional<std::string>& entity_key,
                              const std::function<void(const AuditEntry&)>& visit) = 0;
  // At most `limit` entries with ids above `after_id`, in order; only those for `entity_key` when given.
  virtual std::vector<AuditEntry> audit_page(const std::optional<std::string>& entity_key, long long after_id,
                                             std::size_t limit) = 0;
};

// SHA-256 (hex) of an audit entry's content chained to `entry.prev_hash`.
std::string audit_entry_hash(const AuditEntry& entry);

}  // namespace itaku
