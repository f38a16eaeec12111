// The Registry on SOCI: each operation as SQL on one session, inside the UnitOfWork the caller
// began. Backend differences are the SqlDialect's; rows are mapped in row_mapping; the audit
// chain, vendors and persons, and engagement writes each have their own file beside this one.
#include "registry/soci_registry.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "itaku/domain/engagement_history.hpp"
#include "itaku/domain/engagement_json.hpp"
#include "registry/audit_chain.hpp"
#include "registry/bulk_statements.hpp"
#include "registry/engagement_reader.hpp"
#include "registry/engagement_writer.hpp"
#include "registry/prepared_writes.hpp"
#include "registry/row_mapping.hpp"
#include "registry/soci_errors.hpp"
#include "registry/sql_dialect.hpp"
#include "registry/store_opening.hpp"
#include "registry/unit_of_work.hpp"
#include "text/utc_timestamp.hpp"

namespace itaku::detail {
namespace {

constexpr int kPageSize = 512;

class SociRegistry final : public Registry {
 public:
  SociRegistry(const DatabaseLocation& location, OpenMode mode)
      : location_(location), dialect_(make_sql_dialect(location.backend)) {
    schema_version_ = open_store(sql_, *dialect_, location_, mode);
  }

  std::string describe() const override { return location_.display; }
  int schema_version() override { return schema_version_; }

  std::unique_ptr<Transaction> begin() override { return start(UnitOfWork::Access::kWrite); }
  std::unique_ptr<Transaction> begin_read() override { return start(UnitOfWork::Access::kRead); }

  std::optional<Engagement> find_engagement(const std::string& ref) override {
    std::optional<Engagement> found;
    if (!storable(ref)) return found;
    in_one_snapshot("reading " + ref, [&] {
      Selection selection;
      selection.ref = ref;
      auto page = load_engagements(sql_, *dialect_, selection);
      if (!page.empty()) found = std::move(page.front().engagement);
    });
    return found;
  }

  std::optional<Engagement> find_engagement_for_update(const std::string& ref) override {
    writing("locking " + ref);
    if (!storable(ref)) return std::nullopt;
    guard("locking " + ref, [&] { dialect_->lock_engagement(sql_, ref); });
    return find_engagement(ref);
  }

  UpsertResult upsert_engagement(const Engagement& engagement, AbsentFields absent) override {
    UnitOfWork& work = writing("writing " + engagement.ref);
    UpsertResult result;
    guard("writing " + engagement.ref, [&] { result = upsert(work, engagement, absent); });
    return result;
  }

  std::vector<UpsertResult> upsert_engagements(const std::vector<Engagement>& batch, AbsentFields absent,
                                               const std::vector<nlohmann::json>& given) override {
    if (!given.empty() && given.size() != batch.size()) {
      throw Error(ErrorCode::kInternal, "upsert_engagements: one given record per engagement (a bug in Itaku)");
    }
    const auto given_for = [&](std::size_t i) { return given.empty() ? nullptr : &given[i]; };
    UnitOfWork& work = writing("writing engagements");
    std::set<std::string> refs;
    for (const auto& engagement : batch) {
      if (!refs.insert(engagement.ref).second) {
        throw Error(ErrorCode::kInvalidArgument, "the ref " + engagement.ref + " appears twice in one batch", "/ref");
      }
    }
    std::vector<UpsertResult> results;
    results.reserve(batch.size());
    guard("writing engagements", [&] {
      if (!dialect_->writes_batches_in_bulk()) {
        for (std::size_t i = 0; i < batch.size(); ++i) results.push_back(upsert(work, batch[i], absent, given_for(i)));
        return;
      }
      PartyWriter& parties = work.parties();
      const std::set<std::string> stored = stored_refs_in_bulk(sql_, batch);
      std::vector<NewEngagementRow> fresh;
      parties.defer_certification_writes(true);
      for (std::size_t i = 0; i < batch.size(); ++i) {
        const Engagement& engagement = batch[i];
        if (stored.count(engagement.ref)) {
          // An update: compared with the stored engagement (its vendor's certifications as
          // written so far) and rewritten one by one.
          parties.flush_certifications();
          parties.defer_certification_writes(false);
          results.push_back(upsert(work, engagement, absent, given_for(i)));
          parties.defer_certification_writes(true);
          continue;
        }
        UpsertResult& result = results.emplace_back();
        result.outcome = UpsertOutcome::kCreated;
        result.after = engagement;
        NewEngagementRow row{&engagement, 0, 0};
        if (result.after.vendor) row.vendor_id = parties.write_vendor(settle_vendor(parties, result), *result.after.vendor);
        if (result.after.responsible_person) {
          parties.complete_from_stored(*result.after.responsible_person);
          row.person_id = parties.write_person(*result.after.responsible_person);
        }
        fresh.push_back(row);
      }
      parties.flush_certifications();
      parties.defer_certification_writes(false);
      insert_engagements_in_bulk(sql_, fresh, utc_timestamp());
    });
    return results;
  }

  void void_verification(const std::string& ref, std::size_t position, const VerificationVoid& void_entry) override {
    writing("voiding a verification of " + ref);
    guard("voiding a verification of " + ref, [&] {
      PreparedWrites& prepared = prepared_writes();
      prepared.ref = ref;
      if (!PreparedWrites::execute_single(prepared.ref_lookup)) {
        throw Error(ErrorCode::kNotFound, "no engagement with ref " + ref);
      }
      const long long engagement_id = prepared.found_id;
      const long long at = static_cast<long long>(position);
      long long verifications = 0;
      sql_ << "SELECT COUNT(*) FROM verifications WHERE engagement_id = :id AND position = :p", soci::use(engagement_id),
          soci::use(at), soci::into(verifications);
      if (verifications == 0) {
        throw Error(ErrorCode::kNotFound, ref + " の " + std::to_string(position + 1) + " 番目の確認結果はありません / " + ref +
                                              " has no verification " + std::to_string(position + 1),
                    "number");
      }
      long long voids = 0;
      sql_ << "SELECT COUNT(*) FROM verification_voids WHERE engagement_id = :id AND position = :p",
          soci::use(engagement_id), soci::use(at), soci::into(voids);
      if (voids > 0) {
        throw Error(ErrorCode::kAlreadyExists,
                    ref + " の " + std::to_string(position + 1) + " 番目の確認結果はすでに取り消されています / verification " +
                        std::to_string(position + 1) + " of " + ref + " is already voided",
                    "number");
      }
      EngagementWriter(sql_, prepared).insert_void(engagement_id, at, void_entry);
    });
  }

  void for_each_engagement(const EngagementFilter& filter, const std::function<void(Engagement&&)>& visit) override {
    Selection selection;
    selection.filter = filter;
    selection.after = std::string();
    in_one_snapshot("reading engagements", [&] {
      while (true) {
        std::vector<LoadedEngagement> page = load_engagements(sql_, *dialect_, selection, kPageSize);
        if (page.empty()) return;
        selection.after = page.back().engagement.ref;
        for (auto& loaded : page) visit(std::move(loaded.engagement));
        if (page.size() < static_cast<size_t>(kPageSize)) return;
      }
    });
  }

  std::vector<Engagement> engagements_page(const EngagementFilter& filter, const std::string& after,
                                           std::size_t limit) override {
    std::vector<Engagement> engagements;
    in_one_snapshot("reading engagements", [&] {
      Selection selection;
      selection.filter = filter;
      selection.after = after;
      for (auto& loaded : load_engagements(sql_, *dialect_, selection, static_cast<int>(std::max<std::size_t>(limit, 1)))) {
        engagements.push_back(std::move(loaded.engagement));
      }
    });
    return engagements;
  }

  std::vector<StoredVendor> vendors_page(long long after_id, std::size_t limit) override {
    std::vector<StoredVendor> vendors;
    in_one_snapshot("reading vendors", [&] { vendors = load_vendors_page(sql_, *dialect_, after_id, limit); });
    return vendors;
  }

  std::size_t count_engagements(const EngagementFilter& filter) override {
    long long count = 0;
    guard("counting engagements", [&] {
      Selection selection;
      selection.filter = filter;
      auto prepared = (sql_.prepare << "SELECT COUNT(*) FROM engagements e" + selection.where(), soci::into(count));
      selection.bind(prepared);
      soci::statement statement = prepared;
      statement.execute(true);
    });
    return static_cast<std::size_t>(count);
  }

  void refresh_statistics() override {
    guard("updating the planner statistics of " + location_.display,
          [&] { sql_ << dialect_->refresh_statistics_statement(); });
  }

  AuditEntry append_audit(AuditEntry entry) override {
    UnitOfWork& work = writing("writing the audit trail");
    guard("writing the audit trail", [&] { append(work, entry); });
    return entry;
  }

  std::vector<AuditEntry> append_audits(std::vector<AuditEntry> entries) override {
    UnitOfWork& work = writing("writing the audit trail");
    guard("writing the audit trail", [&] {
      if (!dialect_->writes_batches_in_bulk()) {
        for (auto& entry : entries) append(work, entry);
        return;
      }
      for (auto& entry : entries) work.audit_chain().link(sql_, entry);
      insert_audit_entries_in_bulk(sql_, entries);
      if (!entries.empty()) work.audit_chain().stored_as(entries.back().id);
    });
    return entries;
  }

  AuditHead audit_head() override {
    AuditHead head;
    guard("reading the audit trail", [&] {
      // Prepared once: the REST server reads the head on every request to validate its caches.
      if (!head_query_) {
        head_query_ = std::make_unique<HeadQuery>(sql_);
        head_query_->statement = (sql_.prepare << "SELECT entries, last_id, last_hash FROM audit_head WHERE id = 1",
                                  soci::into(head_query_->entries), soci::into(head_query_->last_id),
                                  soci::into(head_query_->last_hash));
      }
      if (PreparedWrites::execute_single(head_query_->statement)) {
        head.entries = head_query_->entries;
        head.last_id = head_query_->last_id;
        head.last_hash = head_query_->last_hash;
      }
    });
    return head;
  }

  void for_each_audit(const std::optional<std::string>& entity_key,
                      const std::function<void(const AuditEntry&)>& visit) override {
    long long after = 0;
    in_one_snapshot("reading the audit trail", [&] {
      while (true) {
        const std::vector<AuditEntry> page = read_audit_page(sql_, entity_key, after, kPageSize);
        if (page.empty()) return;
        after = page.back().id;
        for (const auto& entry : page) visit(entry);
      }
    });
  }

  std::vector<AuditEntry> audit_page(const std::optional<std::string>& entity_key, long long after_id,
                                     std::size_t limit) override {
    std::vector<AuditEntry> page;
    guard("reading the audit trail", [&] { page = read_audit_page(sql_, entity_key, after_id, limit); });
    return page;
  }

  std::vector<StoredPerson> list_persons(bool include_inactive) override {
    return persons_where(include_inactive ? "" : " WHERE p.active = 1", std::nullopt);
  }

  std::optional<StoredPerson> find_person(long long id) override {
    auto found = persons_where(" WHERE p.id = :id", id);
    return found.empty() ? std::nullopt : std::optional(std::move(found.front()));
  }

  StoredPerson add_person(const Person& person) override {
    UnitOfWork& work = writing("adding a person");
    StoredPerson stored;
    guard("adding " + person.name, [&] {
      long long existing = 0;
      sql_ << "SELECT id FROM persons WHERE name = :name AND department = :department", soci::use(person.name),
          soci::use(person.department), soci::into(existing);
      if (sql_.got_data()) {
        throw Error(ErrorCode::kAlreadyExists, person.name + " (" + person.department + ") is already registered as person " +
                                                   std::to_string(existing));
      }
      stored.id = work.parties().write_person(person);
      stored.person = person;
    });
    return stored;
  }

  void set_person_active(long long id, bool active) override {
    UnitOfWork& work = writing("changing a person");
    guard("changing person " + std::to_string(id), [&] {
      const int flag = active ? 1 : 0;
      soci::statement statement = (sql_.prepare << "UPDATE persons SET active = :a WHERE id = :id", soci::use(flag),
                                   soci::use(id));
      statement.execute(true);
      if (statement.get_affected_rows() == 0) {
        throw Error(ErrorCode::kNotFound, "no person with id " + std::to_string(id) + " (see itaku person list)");
      }
      work.parties().forget_persons();
    });
  }

  std::vector<std::string> engagements_of_person(long long id) override {
    std::vector<std::string> refs;
    guard("reading engagements of person " + std::to_string(id), [&] {
      soci::rowset<std::string> rows =
          (sql_.prepare << "SELECT ref FROM engagements WHERE responsible_person_id = :id ORDER BY ref", soci::use(id));
      for (const auto& ref : rows) refs.push_back(ref);
    });
    return refs;
  }

  void add_assessment(const StoredAssessment& assessment) override {
    writing("storing an assessment");
    guard("storing an assessment of " + assessment.ref, [&] {
      long long engagement_id = 0;
      sql_ << "SELECT id FROM engagements WHERE ref = :ref", soci::use(assessment.ref), soci::into(engagement_id);
      if (!sql_.got_data()) throw Error(ErrorCode::kNotFound, "no engagement with ref " + assessment.ref);
      const std::string as_of = assessment.as_of.to_string();
      sql_ << "INSERT INTO assessments (engagement_id, as_of, plugin, plugin_version, assessed_at, actor, result_json)"
              " VALUES (:e, :as_of, :plugin, :version, :at, :actor, :result)",
          soci::use(engagement_id), soci::use(as_of), soci::use(assessment.plugin), soci::use(assessment.plugin_version),
          soci::use(assessment.assessed_at), soci::use(assessment.actor), soci::use(assessment.result_json);
    });
  }

  std::optional<StoredAssessment> last_assessment(const std::string& ref) override {
    auto newest = assessments(ref, 1);
    return newest.empty() ? std::nullopt : std::optional(std::move(newest.front()));
  }

  std::vector<StoredAssessment> assessments_of(const std::string& ref) override { return assessments(ref, 0); }

  void add_token(const ApiToken& token) override {
    writing("adding a token");
    guard("adding token " + token.name, [&] {
      if (find_token(token.name)) throw Error(ErrorCode::kAlreadyExists, "a token named '" + token.name + "' exists", "name");
      const std::string role(role_name(token.role));
      NullableText department(token.department);
      sql_ << "INSERT INTO api_tokens (name, role, department, token_hash, created_at) VALUES (:n, :r, :d, :h, :c)",
          soci::use(token.name), soci::use(role), soci::use(department.value, department.indicator),
          soci::use(token.token_hash), soci::use(token.created_at);
    });
  }

  std::vector<ApiToken> list_tokens() override { return tokens_where("", ""); }

  std::optional<ApiToken> find_token(const std::string& name) override {
    if (!storable(name)) return std::nullopt;
    auto found = tokens_where(" WHERE name = :key", name);
    return found.empty() ? std::nullopt : std::optional(std::move(found.front()));
  }

  std::optional<ApiToken> find_token_by_hash(const std::string& token_hash) override {
    auto found = tokens_where(" WHERE token_hash = :key", token_hash);
    return found.empty() ? std::nullopt : std::optional(std::move(found.front()));
  }

  void revoke_token(const std::string& name, const std::string& at) override {
    writing("revoking a token");
    guard("revoking token " + name, [&] {
      if (!find_token(name)) throw Error(ErrorCode::kNotFound, "no token named '" + name + "' (see itaku token list)", "name");
      sql_ << "UPDATE api_tokens SET revoked_at = :at WHERE name = :n AND revoked_at IS NULL", soci::use(at),
          soci::use(name);
    });
  }

  VendorChange put_certification(const std::string& vendor_key, const Certification& certification) override {
    UnitOfWork& work = writing("recording a certification");
    VendorChange change;
    guard("recording a certification of " + vendor_key, [&] {
      PartyWriter& parties = work.parties();
      Vendor key;
      const bool by_number = vendor_key.size() == 13 && vendor_key.find_first_not_of("0123456789") == std::string::npos;
      if (by_number) {
        key.corporate_number = vendor_key;
      } else {
        key.name = vendor_key;
      }
      const std::optional<long long> id = parties.find_vendor(key);
      if (!id) {
        throw Error(ErrorCode::kNotFound, std::string(by_number ? "法人番号 " : "名称「") + vendor_key +
                                              (by_number ? "" : "」") +
                                              " の事業者は登録されていません（事業者は契約とともに登録されます） / no vendor with " +
                                              std::string(by_number ? "法人番号 " : "name ") + vendor_key +
                                              " is registered (vendors come in with their engagements)");
      }
      change.before = parties.stored_vendor(*id);
      Vendor incoming = change.before;
      incoming.certifications = {certification};
      parties.write_vendor(id, incoming);
      change.after = parties.stored_vendor_with_use(*id);
      change.after.vendor.certifications = with_certifications(change.before.certifications, {certification});
    });
    return change;
  }

  VendorChange rename_vendor(const std::string& corporate_number, const std::string& name) override {
    UnitOfWork& work = writing("renaming a vendor");
    VendorChange change;
    guard("renaming the vendor " + corporate_number, [&] {
      PartyWriter& parties = work.parties();
      Vendor key;
      key.corporate_number = corporate_number;
      const std::optional<long long> id = parties.find_vendor(key);
      if (!id) {
        throw Error(ErrorCode::kNotFound, "法人番号 " + corporate_number + " の事業者は登録されていません / no vendor with 法人番号 " +
                                              corporate_number + " is registered",
                    "corporate_number");
      }
      change.before = parties.stored_vendor(*id);
      if (change.before.name != name) parties.rename_vendor(*id, name);
      change.after = parties.stored_vendor_with_use(*id);
    });
    return change;
  }

 private:
  std::unique_ptr<Transaction> start(UnitOfWork::Access access) {
    if (current_) {
      throw Error(ErrorCode::kInternal, "a transaction on " + location_.display + " is already open (a bug in Itaku)");
    }
    auto work = std::make_unique<UnitOfWork>(sql_, *dialect_, access, location_.display, [this] { current_ = nullptr; });
    current_ = work.get();
    return work;
  }

  // A key with a NUL character was never stored (records and every text value refuse it), and
  // PostgreSQL would compare only the text before it: R7-001\0X would find R7-001.
  static bool storable(const std::string& key) { return key.find('\0') == std::string::npos; }

  // The open write transaction; kInternal when there is none (a read transaction is not one).
  UnitOfWork& writing(const std::string& what) const {
    if (!current_ || !current_->writes()) {
      throw Error(ErrorCode::kInternal, what + ": no write transaction is open (a bug in Itaku)");
    }
    return *current_;
  }

  template <typename Body>
  void guard(const std::string& context, Body&& body) {
    try {
      body();
    } catch (...) {
      rethrow_database_error(context);
    }
  }

  // Runs a read of several statements in one snapshot: in the open transaction, else in a read
  // transaction of its own (UNIT_OF_WORK.md, "Readers").
  template <typename Body>
  void in_one_snapshot(const std::string& context, Body&& body) {
    if (current_) {
      guard(context, body);
      return;
    }
    auto snapshot = start(UnitOfWork::Access::kRead);
    guard(context, body);
    snapshot->commit();
  }

  PreparedWrites& prepared_writes() {
    if (!prepared_) prepared_ = std::make_unique<PreparedWrites>(sql_);
    return *prepared_;
  }

  void append(UnitOfWork& work, AuditEntry& entry) {
    work.audit_chain().link(sql_, entry);
    PreparedWrites& prepared = prepared_writes();
    PreparedWrites::AuditRow& row = prepared.audit;
    row.at = entry.at;
    row.actor = entry.actor;
    row.action = entry.action;
    row.entity = entry.entity;
    row.key = entry.entity_key;
    row.before = NullableText(entry.before_json.empty() ? std::nullopt : std::optional(entry.before_json));
    row.after = NullableText(entry.after_json.empty() ? std::nullopt : std::optional(entry.after_json));
    row.prev = entry.prev_hash;
    row.hash = entry.hash;
    PreparedWrites::execute_single(prepared.audit_insert);
    entry.id = row.new_id;
    work.audit_chain().stored_as(entry.id);
  }

  // The vendor of result.after as it will be stored: a registered one keeps its name and country
  // and has its certifications merged. Returns its row id when it is registered. Writes nothing.
  std::optional<long long> settle_vendor(PartyWriter& parties, UpsertResult& result) {
    Vendor& vendor = *result.after.vendor;
    const std::optional<long long> vendor_id = parties.find_vendor(vendor);
    if (vendor_id) {
      vendor.certifications = parties.merge_certifications(*vendor_id, vendor);
      result.vendor_conflict = parties.keep_registered_name(*vendor_id, vendor);
    } else {
      vendor.certifications = with_certifications({}, vendor.certifications);
    }
    return vendor_id;
  }

  // `given`: the record as given, when it says which fields it leaves out (AbsentFields::kKept).
  UpsertResult upsert(UnitOfWork& work, const Engagement& engagement, AbsentFields absent,
                      const nlohmann::json* given = nullptr) {
    PartyWriter& parties = work.parties();
    UpsertResult result;
    // Most imports create: look the ref up cheaply before loading a whole engagement.
    std::vector<LoadedEngagement> existing;
    PreparedWrites& prepared = prepared_writes();
    prepared.ref = engagement.ref;
    if (PreparedWrites::execute_single(prepared.ref_lookup)) {
      Selection selection;
      selection.ref = engagement.ref;
      existing = load_engagements(sql_, *dialect_, selection);
    }
    if (!existing.empty()) result.before = existing.front().engagement;
    result.after = result.before && absent == AbsentFields::kKept
                       ? engagement_from_json(with_absent_fields_kept(engagement_to_json(*result.before),
                                                                      given ? *given : engagement_to_json(engagement)))
                       : engagement;
    // History is append-only: what is stored stays, in its order, and only new entries follow.
    std::vector<Verification> appended_verifications = engagement.verifications;
    std::vector<ClauseEvidence> appended_evidence = engagement.clause_evidence;
    if (result.before) {
      appended_verifications = new_verifications(result.before->verifications, engagement.verifications);
      appended_evidence = new_clause_evidence(result.before->clause_evidence, engagement.clause_evidence);
      result.after.verifications = result.before->verifications;
      result.after.verifications.insert(result.after.verifications.end(), appended_verifications.begin(),
                                        appended_verifications.end());
      result.after.clause_evidence = result.before->clause_evidence;
      result.after.clause_evidence.insert(result.after.clause_evidence.end(), appended_evidence.begin(),
                                          appended_evidence.end());
    }
    // Compared before anything is written: an unchanged record writes nothing.
    const std::optional<long long> vendor_id = result.after.vendor ? settle_vendor(parties, result) : std::nullopt;
    if (result.after.responsible_person) parties.complete_from_stored(*result.after.responsible_person);
    if (result.before && engagement_to_json(*result.before) == engagement_to_json(result.after)) {
      result.outcome = UpsertOutcome::kUnchanged;
      return result;
    }
    // Row ids start at 1: 0 stands for "none" (GCC 12 misreads std::optional here).
    const long long stored_vendor = result.after.vendor ? parties.write_vendor(vendor_id, *result.after.vendor) : 0;
    const long long person = result.after.responsible_person ? parties.write_person(*result.after.responsible_person) : 0;
    EngagementWriter writer(sql_, prepared);
    const long long id =
        writer.write_row(existing.empty() ? std::nullopt : std::optional(existing.front().id), result.after, stored_vendor, person);
    const std::size_t stored_verifications = result.before ? result.before->verifications.size() : 0;
    const std::size_t stored_evidence = result.before ? result.before->clause_evidence.size() : 0;
    writer.write_clauses(id, result.after.clauses, result.before.has_value());
    writer.append_verifications(id, stored_verifications, result.before ? appended_verifications : result.after.verifications);
    writer.append_clause_evidence(id, stored_evidence, result.before ? appended_evidence : result.after.clause_evidence);
    result.outcome = result.before ? UpsertOutcome::kUpdated : UpsertOutcome::kCreated;
    return result;
  }

  // The engagement's assessments, newest first; at most `limit` of them (0: all).
  std::vector<StoredAssessment> assessments(const std::string& ref, int limit) {
    std::vector<StoredAssessment> found;
    guard("reading the assessments of " + ref, [&] {
      soci::rowset<soci::row> rows =
          (sql_.prepare << "SELECT a.as_of, a.plugin, a.plugin_version, a.assessed_at, a.actor, a.result_json"
                           " FROM assessments a JOIN engagements e ON e.id = a.engagement_id"
                           " WHERE e.ref = :ref ORDER BY a.id DESC" +
                               (limit > 0 ? " LIMIT " + std::to_string(limit) : std::string()),
           soci::use(ref));
      for (const auto& row : rows) found.push_back(assessment_from_row(ref, row));
    });
    return found;
  }

  // Persons matching `condition` (SQL with at most one placeholder, :id), by department and name.
  std::vector<StoredPerson> persons_where(const std::string& condition, std::optional<long long> id) {
    std::vector<StoredPerson> persons;
    guard(id ? "reading person " + std::to_string(*id) : std::string("reading persons"), [&] {
      auto statement = (sql_.prepare << "SELECT p.id, p.name, p.department, p.email, p.active,"
                                        " (SELECT COUNT(*) FROM engagements e WHERE e.responsible_person_id = p.id)"
                                        " FROM persons p" +
                                            condition + " ORDER BY p.department, p.name");
      if (id) statement, soci::use(*id, "id");
      soci::rowset<soci::row> rows = statement;
      for (const auto& row : rows) persons.push_back(person_from_row(row));
    });
    return persons;
  }

  // Tokens matching `condition` (SQL with one placeholder, :key, bound to `key`), by name.
  std::vector<ApiToken> tokens_where(const std::string& condition, const std::string& key) {
    std::vector<ApiToken> tokens;
    guard("reading tokens", [&] {
      auto statement = (sql_.prepare << "SELECT name, role, department, token_hash, created_at, revoked_at"
                                        " FROM api_tokens" + condition + " ORDER BY name");
      if (!condition.empty()) statement, soci::use(key, "key");
      soci::rowset<soci::row> rows = statement;
      for (const auto& row : rows) tokens.push_back(token_from_row(row));
    });
    return tokens;
  }

  struct HeadQuery {
    explicit HeadQuery(soci::session& sql) : statement(sql) {}
    soci::statement statement;
    long long entries = 0;
    long long last_id = 0;
    std::string last_hash;
  };

  DatabaseLocation location_;
  std::unique_ptr<SqlDialect> dialect_;
  soci::session sql_;
  int schema_version_ = 0;
  UnitOfWork* current_ = nullptr;             // the open transaction, owned by the caller
  std::unique_ptr<PreparedWrites> prepared_;  // after sql_: destroyed before the session closes
  std::unique_ptr<HeadQuery> head_query_;     // likewise
};

}  // namespace

std::unique_ptr<Registry> open_soci_registry(const DatabaseLocation& location, Registry::OpenMode mode) {
  return std::make_unique<SociRegistry>(location, mode);
}

}  // namespace itaku::detail

namespace itaku {

Result<std::unique_ptr<Registry>> Registry::open(const std::string& location, OpenMode mode) {
  auto parsed = detail::parse_database_location(location);
  if (!parsed) return parsed.status();
  if (mode == OpenMode::kExistingOnly && !parsed->file.empty()) {
    std::error_code error;
    if (!std::filesystem::exists(parsed->file, error)) {
      return Status(ErrorCode::kNotFound,
                    "登録簿のデータベースがありません: " + parsed->file + "（パスを確かめてください。新しく作るには itaku init --db " +
                        parsed->file + "） / no registry database at " + parsed->file +
                        ": check the path, or create one with itaku init --db " + parsed->file,
                    "--db");
    }
  }
  try {
    return detail::open_soci_registry(*parsed, mode);
  } catch (const Error& error) {
    return error.status();
  }
}

}  // namespace itaku
