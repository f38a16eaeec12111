// What people do with the registry: import and export records, review what is stored, read
// and check the audit trail. Validation and rules are the review's (ReviewService), never a
// second copy; every change is written to the audit trail in the same transaction.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "itaku/domain/due_item.hpp"
#include "itaku/error.hpp"
#include "itaku/registry/registry.hpp"
#include "itaku/io/record_source.hpp"
#include "itaku/io/record_writer.hpp"
#include "itaku/report/report_sink.hpp"
#include "itaku/domain/review_result.hpp"
#include "itaku/service/review_service.hpp"
#include "itaku/service/text_search.hpp"

namespace itaku {

struct ImportOptions {
  bool skip_invalid = false;  // write the valid records even when others are invalid
  bool dry_run = false;       // do everything, then roll back
  std::string actor;          // who, for the audit trail
  unsigned jobs = 1;          // threads parsing and validating while the calling thread writes
};

struct ImportChange {
  std::string ref;
  UpsertOutcome outcome = UpsertOutcome::kUnchanged;
};

struct ImportVendorConflict {
  std::string ref;  // the record that gave another name
  VendorNameConflict conflict;
};

// When `written` is false the counts and changes are what the import would have done: every
// valid record is still checked against the registry (in a transaction that is rolled back).
struct ImportReport {
  std::size_t records = 0;
  std::size_t invalid = 0;
  std::size_t created = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
  bool written = false;               // false: invalid records (without skip_invalid) or dry run
  std::vector<RecordError> errors;    // every problem, in input order
  std::vector<ImportChange> changes;  // created and updated refs, in input order
  std::vector<ImportVendorConflict> vendor_conflicts;  // registered names kept, in input order
  // A dry run's first valid records as they would be stored (merged with what is stored, the
  // vendor's registered name kept), so that a ledger mapping is checked on what it makes.
  std::vector<nlohmann::json> would_store;
  static constexpr std::size_t kWouldStoreShown = 3;
};

struct AuditVerification {
  std::size_t entries = 0;
  // The first entry that does not match the chain, and why; nullopt when the trail is intact.
  std::optional<long long> first_bad_entry;
  std::string problem;
  // Where the registry differs from what its newest audit entry says it became (README "What the
  // audit trail proves"), one line each: "EX-001: /information/confidentiality is 1, the trail
  // says 3". Empty when the registry is what the trail says.
  std::vector<std::string> state_differences;
  bool intact() const { return !first_bad_entry && state_differences.empty(); }
};

// A point of the trail written down elsewhere (`itaku audit head`): its number of entries and
// the hash of the last of them. A trail that still extends it has that hash at that entry.
struct AuditAnchor {
  long long entries = 0;
  std::string hash;
};
// "25:3f2a…" as `itaku audit head` prints it; nullopt for anything else.
std::optional<AuditAnchor> parse_audit_anchor(const std::string& text);

// Everything known about one engagement, for `itaku show`.
struct EngagementDetails {
  Engagement engagement;
  VerificationState verification;  // on the date asked for
  std::optional<StoredAssessment> last_assessment;
};

// How register_record treats a ref that is (or is not) stored, and who may change what: `allow`
// sees the engagement as stored (nullopt when new) and as it would be stored, inside the write
// transaction, and may refuse with its own status (e.g. kPermissionDenied for a REST role).
//
// A record written over a stored engagement replaces its fields, but never its history: stored
// verifications and clause evidence are kept whether the record lists them or not. A record that
// does list `verifications` must list the stored ones first, unchanged (a void may be left out),
// else kConflict names each one it drops or alters; entries after them are new verifications.
struct RegisterOptions {
  enum class Mode { kUpsert, kCreateOnly, kReplaceOnly };
  Mode mode = Mode::kUpsert;
  std::function<Status(const std::optional<Engagement>& stored, const Engagement& incoming)> allow;
};

// What a register or update did: the engagement as stored before (nullopt when new) and after,
// and the review of what is now stored.
struct RegisterOutcome {
  UpsertOutcome outcome = UpsertOutcome::kUnchanged;
  std::optional<Engagement> before;
  Engagement after;
  ReviewResult review;
  std::optional<VendorNameConflict> vendor_conflict;
};

// A page of engagements reviewed on `as_of`, filtered by what the review says.
struct EngagementQuery {
  EngagementFilter filter;
  std::optional<Decision> decision;
  std::optional<VerificationStatus> verification_status;
  TextSearch text;  // only engagements it matches (TextSearch::matches); default: all
  // The caller's reach (e.g. a REST role): engagements it returns false for are skipped.
  std::function<bool(const Engagement&)> visible;
  std::string after;  // the ref the previous page ended at; "" for the first page
  std::size_t limit = 100;
  Date as_of;
};

// What `assess` did: the review, and the assessment as stored (what `show` calls the last one).
struct AssessOutcome {
  ReviewResult review;
  StoredAssessment stored;
};

struct EngagementListItem {
  Engagement engagement;
  ReviewResult review;
};

struct EngagementPage {
  std::vector<EngagementListItem> items;
  std::optional<std::string> next_after;  // the cursor of the next page; nullopt on the last one
};

// Findings counted by severity: each finding once (an engagement with two high findings counts 2).
struct SeverityCounts {
  std::size_t critical = 0;
  std::size_t high = 0;
  std::size_t medium = 0;
  std::size_t low = 0;

  void add(Severity severity) noexcept;
};

// One department's line of the dashboard: its engagements and their findings.
struct DepartmentFindings {
  std::string department;
  std::size_t engagements = 0;
  SeverityCounts findings;
};

// The security office's dashboard: counts over the engagements a caller may see, each reviewed on
// `as_of` exactly as the list of engagements reviews it (RegistryService::list_engagements).
struct Dashboard {
  Date as_of;
  std::size_t engagements = 0;
  std::size_t approve = 0;
  std::size_t conditional = 0;
  std::size_t reject = 0;
  std::size_t verified = 0;
  std::size_t due_soon = 0;
  std::size_t unverified = 0;
  std::size_t overdue = 0;
  std::size_t failed = 0;
  // By kind: contractor, cloud and social_media always (0 when none), then any other kind found.
  std::map<std::string, std::size_t> kinds = {{"contractor", 0}, {"cloud", 0}, {"social_media", 0}};
  // Every department with an engagement, findings or not, in the order of their names' code points.
  std::vector<DepartmentFindings> departments;
  SeverityCounts findings;
};

// A page of vendors in id order (the order they were registered), those `text` matches.
struct VendorQuery {
  TextSearch text;
  long long after_id = 0;  // the id the previous page ended at; 0 for the first page
  std::size_t limit = 100;
};

struct VendorPage {
  std::vector<StoredVendor> items;
  std::optional<long long> next_after;  // the cursor of the next page; nullopt on the last one
};

// The registry work that needs no plugins: reading and exporting what is stored, persons,
// vendors and their certifications, voiding a verification, the due list and the audit trail.
// Commands built on it start without loading and compiling the plugins.
class BasicRegistryService {
 public:
  // `registry` must outlive the service.
  explicit BasicRegistryService(Registry& registry) : registry_(registry) {}
  virtual ~BasicRegistryService() = default;

  // Writes every matching engagement, in ref order, as records that import back to the same state.
  Status export_records(const EngagementFilter& filter, RecordWriter& writer);

  // kNotFound for an unknown ref.
  Result<EngagementDetails> show(const std::string& ref, Date as_of);
  // Vendors matching query.text, at most query.limit of them. Like list_engagements it reads a
  // bounded number of vendors per call: a rare search may return a short (even empty) page with a
  // cursor to continue from.
  Result<VendorPage> list_vendors(const VendorQuery& query);
  Result<std::vector<StoredAssessment>> assessments_of(const std::string& ref);
  Result<std::vector<AuditEntry>> audit_page(const std::optional<std::string>& ref, long long after_id, std::size_t limit);
  // Every social-media engagement, in ref order (for the channel directory).
  Result<std::vector<Engagement>> channels();
  // The number of the newest audit entry: it changes with every change to the registry.
  Result<long long> last_change();
  // Voids verification `number` (1-based, as `show` lists them) with a reason: it stays in the
  // history, marked voided, and no longer counts. Audited as verification.void. `allow` sees the
  // engagement inside the write transaction. kNotFound (no such ref or number), kAlreadyExists
  // (voided before), kInvalidArgument (no reason).
  Result<Engagement> void_verification(const std::string& ref, std::size_t number, const std::string& reason,
                                       const std::string& actor,
                                       const std::function<Status(const Engagement&)>& allow = {});
  // `vendor_key`: the vendor's 法人番号, or its name when it has none.
  Result<VendorChange> put_certification(const std::string& vendor_key, const Certification& certification,
                                         const std::string& actor);
  // Renames the vendor with this 法人番号 (audited as vendor.rename); imports never rename. The
  // name it already has changes nothing and is not audited.
  Result<VendorChange> rename_vendor(const std::string& corporate_number, const std::string& name,
                                     const std::string& actor);

  Result<StoredPerson> add_person(const Person& person, const std::string& actor);
  Result<std::vector<StoredPerson>> list_persons(bool include_inactive);
  // 人事異動: the person stays on record, inactive; their engagements are flagged (GEN-01) until reassigned.
  Result<StoredPerson> deactivate_person(long long id, const std::string& actor);
  // Moves every engagement of person `from` to person `to` in one transaction, each audited as
  // person.reassign; returns their refs (none when `from` has none). `from` may be inactive (the
  // usual case after a transfer); `to` must be active, since the engagements would otherwise be
  // flagged (GEN-01) at once. kNotFound (path "from" or "to") for an unknown id; kInvalidArgument
  // (path "to") when `to` is inactive or is `from`.
  Result<std::vector<std::string>> reassign_person(long long from, long long to, const std::string& actor);

  // Verifications overdue, failed or due within `within_days`, and certifications expiring within
  // it (or already expired), for active and planned engagements, sorted by date.
  // `visible` (optional): the caller's reach, as in EngagementQuery; engagements it refuses give
  // no line, and a certificate is listed under the first engagement of its vendor it accepts.
  // `filter` narrows it to a kind or a department (a certification then shows under an engagement
  // of that department).
  Result<std::vector<DueItem>> due(Date as_of, int within_days, const EngagementFilter& filter = {},
                                   const std::function<bool(const Engagement&)>& visible = {});

  Status for_each_audit(const std::optional<std::string>& ref, const std::function<void(const AuditEntry&)>& visit);
  // Recomputes every hash and link of the audit trail, checks that it still extends `anchor` when
  // given, and compares the engagements and tokens with the after-image of their newest entry.
  Result<AuditVerification> verify_audit(const std::optional<AuditAnchor>& anchor = std::nullopt);
  // The trail's length and last hash, to be written down as an anchor.
  Result<AuditHead> audit_head();

 protected:
  void audit(const std::string& actor, const std::string& action, const std::string& entity, const std::string& key,
             const std::string& before, const std::string& after);

  Registry& registry_;
};

// Everything BasicRegistryService does, and what validates or reviews a record: import, review
// of the registry, assess, register and update a record, listing by decision, and the changes
// that must leave a valid record (verify, clause, terminate). Validation and rules are the
// review's, never a second copy.
class RegistryService : public BasicRegistryService {
 public:
  // `registry` and `review` must outlive the service.
  RegistryService(Registry& registry, const ReviewService& review) : BasicRegistryService(registry), review_(review) {}

  // Validates every record (as `itaku review` does, plus: one ref once per run) and upserts the
  // valid ones by ref in one transaction. Nothing is written when any record is invalid, unless
  // options.skip_invalid. Errors: a source that cannot be read is reported among the errors;
  // database failures are returned (kUnavailable: busy, retry).
  Result<ImportReport> import_records(const std::vector<std::unique_ptr<RecordSource>>& sources,
                                      const ImportOptions& options);

  // Reviews the stored engagements like `itaku review` reviews files, into `sink`.
  Result<ReviewSummary> review_registry(const EngagementFilter& filter, ReportSink& sink, Date as_of);

  // --- everyday work; each change is validated as a record is and written to the audit trail ---

  // Reviews the stored engagement (core rules and its plugin) and stores the assessment.
  Result<AssessOutcome> assess(const std::string& ref, Date as_of, const std::string& actor);
  // Validates one record, upserts it and reviews what is stored (e.g. a channel registered by
  // its owner). kInvalidArgument with the path of the first problem when the record is invalid.
  Result<RegisterOutcome> register_record(const nlohmann::json& record, Date as_of, const std::string& actor,
                                          const RegisterOptions& options = {});
  // Applies a JSON Merge Patch (RFC 7396) to the stored record of `ref` and stores the result,
  // validated and checked as register_record checks a record (options.mode is ignored: the ref
  // must be registered). A patch may not change the ref.
  Result<RegisterOutcome> update_record(const std::string& ref, const nlohmann::json& patch, Date as_of,
                                        const std::string& actor, const RegisterOptions& options = {});
  // Reviews stored engagements in ref order and returns those matching `query`, at most
  // query.limit of them. Reads at most a few thousand engagements per call: a rare filter (or
  // search text) may return a short (even empty) page with a cursor to continue from. The search
  // text is checked before the review, so what it skips costs a read, not a review.
  Result<EngagementPage> list_engagements(const EngagementQuery& query);
  // Counts every engagement `visible` accepts (all when it is empty), reviewed on `as_of`: by
  // decision, verification status, kind, department and severity of findings. Reads the registry
  // in one snapshot, a chunk of engagements at a time: memory does not grow with the registry.
  // `filter` (optional) narrows what is read (e.g. to the only kind and department a role sees).
  Result<Dashboard> dashboard(Date as_of, const std::function<bool(const Engagement&)>& visible,
                              const EngagementFilter& filter = {});
  // `allow` (optional) sees the engagement as stored, inside the write transaction, and may refuse.
  Result<Engagement> add_verification(const std::string& ref, const Verification& verification, const std::string& actor,
                                      const std::function<Status(const Engagement&)>& allow = {});
  // Marks a contract clause present or missing, with an optional evidence note.
  Result<Engagement> set_clause(const std::string& ref, const std::string& clause, bool present,
                                const std::optional<std::string>& note, const std::string& actor);
  Result<Engagement> terminate(const std::string& ref, const Termination& termination, const std::string& actor);
 private:
  // Loads `ref`, applies `change`, validates the result as a record, stores it and audits it.
  Result<Engagement> change_engagement(const std::string& ref, const std::string& actor, const std::string& action,
                                       const std::function<void(Engagement&)>& change,
                                       const std::function<Status(const Engagement&)>& allow = {});
  // Validates the record `build` makes from the stored engagement, checks it against what is
  // stored and `options`, stores it and audits it (register_record and update_record).
  Result<RegisterOutcome> write_record(
      const std::string& ref, Date as_of, const std::string& actor, const RegisterOptions& options,
      const std::function<nlohmann::json(const std::optional<Engagement>& stored)>& build);

  const ReviewService& review_;
};

// The OS user name, the default actor of the audit trail ("unknown" when it cannot be found).
std::string current_user_name();

}  // namespace itaku
