// What people do with the registry: import and export records, review what is stored, read
// and check the audit trail. Validation and rules are the review's (ReviewService), never a
// second copy; every change is written to the audit trail in the same transaction.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "itaku/error.hpp"
#include "itaku/registry/registry.hpp"
#include "itaku/service/record_source.hpp"
#include "itaku/service/record_writer.hpp"
#include "itaku/service/report_sink.hpp"
#include "itaku/service/review_result.hpp"
#include "itaku/service/review_service.hpp"

namespace itaku {

struct ImportOptions {
  bool skip_invalid = false;  // write the valid records even when others are invalid
  bool dry_run = false;       // do everything, then roll back
  std::string actor;          // who, for the audit trail
};

struct ImportChange {
  std::string ref;
  UpsertOutcome outcome = UpsertOutcome::kUnchanged;
};

struct ImportReport {
  std::size_t records = 0;
  std::size_t invalid = 0;
  std::size_t created = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
  bool written = false;               // false: invalid records (without skip_invalid) or dry run
  std::vector<RecordError> errors;    // every problem, in input order
  std::vector<ImportChange> changes;  // created and updated refs, in input order
};

struct AuditVerification {
  std::size_t entries = 0;
  // The first entry that does not match the chain, and why; nullopt when the trail is intact.
  std::optional<long long> first_bad_entry;
  std::string problem;
};

class RegistryService {
 public:
  // `registry` and `review` must outlive the service.
  RegistryService(Registry& registry, const ReviewService& review) : registry_(registry), review_(review) {}

  // Validates every record (as `itaku review` does, plus: one ref once per run) and upserts the
  // valid ones by ref in one transaction. Nothing is written when any record is invalid, unless
  // options.skip_invalid. Errors: a source that cannot be read is reported among the errors;
  // database failures are returned (kUnavailable: busy, retry).
  Result<ImportReport> import_records(const std::vector<std::unique_ptr<RecordSource>>& sources,
                                      const ImportOptions& options);

  // Writes every matching engagement, in ref order, as records that import back to the same state.
  Status export_records(const EngagementFilter& filter, RecordWriter& writer);

  // Reviews the stored engagements like `itaku review` reviews files, into `sink`.
  Result<ReviewSummary> review_registry(const EngagementFilter& filter, ReportSink& sink, Date as_of);

  Status for_each_audit(const std::optional<std::string>& ref, const std::function<void(const AuditEntry&)>& visit);
  // Recomputes every hash and link of the audit trail.
  Result<AuditVerification> verify_audit();

 private:
  Registry& registry_;
  const ReviewService& review_;
};

// The OS user name, the default actor of the audit trail ("unknown" when it cannot be found).
std::string current_user_name();
// UTC now as 2026-11-26T23:40:12Z.
std::string utc_timestamp();

}  // namespace itaku
