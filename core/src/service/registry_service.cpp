#include "itaku/service/registry_service.hpp"

#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <map>

#include "itaku/domain/engagement_json.hpp"

namespace itaku {
namespace {

const char* action_for(UpsertOutcome outcome) {
  return outcome == UpsertOutcome::kCreated ? "import.create" : "import.update";
}

template <typename Body>
Status database_call(Body&& body) {
  try {
    body();
    return Status::ok();
  } catch (const Error& error) {
    return error.status();
  }
}

}  // namespace

std::string current_user_name() {
  if (const passwd* entry = ::getpwuid(::geteuid()); entry && entry->pw_name && *entry->pw_name) {
    return entry->pw_name;
  }
  if (const char* user = std::getenv("USER"); user && *user) return user;
  return "unknown";
}

std::string utc_timestamp() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

Result<ImportReport> RegistryService::import_records(const std::vector<std::unique_ptr<RecordSource>>& sources,
                                                     const ImportOptions& options) {
  ImportReport report;
  const std::string actor = options.actor.empty() ? current_user_name() : options.actor;
  std::unique_ptr<Registry::Transaction> transaction;
  if (Status status = database_call([&] { transaction = registry_.begin(); }); !status) return status;

  // Where each ref was first seen in this run: a second record with the same ref is an error,
  // not a silent overwrite.
  std::map<std::string, std::string> first_seen;
  auto reject = [&](RecordError error) { report.errors.push_back(std::move(error)); };

  for (const auto& source : sources) {
    std::size_t last_number = 0;
    while (true) {
      std::optional<SourceRecord> record;
      try {
        record = source->next();
      } catch (const Error& error) {
        ++report.records;
        ++report.invalid;
        reject({last_number + 1, std::nullopt, error.status().path(), error.status().message(), source->name()});
        break;
      }
      if (!record) break;
      last_number = record->number;
      ++report.records;
      parse_deferred(*record);
      if (!record->json) {
        ++report.invalid;
        reject({record->number, record->ref, record->json.status().path(), record->json.status().message(),
                source->name()});
        continue;
      }
      const nlohmann::json& json = *record->json;
      const auto ref_field = json.is_object() ? json.find("ref") : json.end();
      const std::optional<std::string> ref =
          ref_field != json.end() && ref_field->is_string() ? std::optional(ref_field->get<std::string>()) : std::nullopt;
      auto issues = review_.validator().validate(json);
      if (ref) {
        const std::string here = source->name() + " record " + std::to_string(record->number);
        if (auto [seen, inserted] = first_seen.emplace(*ref, here); !inserted) {
          issues.push_back({"/ref", "the ref '" + *ref + "' appears again in this import (first at " + seen->second +
                                        "); each engagement must appear once"});
        }
      }
      if (!issues.empty()) {
        ++report.invalid;
        for (auto& issue : issues) reject({record->number, ref, std::move(issue.path), std::move(issue.message), source->name()});
        continue;
      }
      if (report.invalid > 0 && !options.skip_invalid) continue;  // nothing will be written: just validate the rest
      Status written = database_call([&] {
        const UpsertResult upsert = registry_.upsert_engagement(engagement_from_json(json));
        switch (upsert.outcome) {
          case UpsertOutcome::kCreated: ++report.created; break;
          case UpsertOutcome::kUpdated: ++report.updated; break;
          case UpsertOutcome::kUnchanged: ++report.unchanged; return;
        }
        report.changes.push_back({*ref, upsert.outcome});
        AuditEntry entry;
        entry.at = utc_timestamp();
        entry.actor = actor;
        entry.action = action_for(upsert.outcome);
        entry.entity = "engagement";
        entry.entity_key = *ref;
        if (upsert.before) entry.before_json = engagement_to_json(*upsert.before).dump();
        entry.after_json = engagement_to_json(upsert.after).dump();
        registry_.append_audit(std::move(entry));
      });
      if (!written) return written;  // the transaction rolls back as it goes out of scope
    }
  }
  if (report.invalid > 0 && !options.skip_invalid) {
    // Counted as if written, so that the user sees what the import would have done.
    return report;
  }
  if (options.dry_run) return report;
  if (Status status = database_call([&] { transaction->commit(); }); !status) return status;
  report.written = true;
  return report;
}

Status RegistryService::export_records(const EngagementFilter& filter, RecordWriter& writer) {
  return database_call([&] {
    registry_.for_each_engagement(filter, [&](Engagement&& engagement) { writer.write(engagement_to_json(engagement)); });
    writer.finish();
  });
}

Result<ReviewSummary> RegistryService::review_registry(const EngagementFilter& filter, ReportSink& sink, Date as_of) {
  ReviewSummary summary;
  summary.as_of = as_of;
  std::size_t position = 0;
  Status status = database_call([&] {
    sink.begin(as_of);
    registry_.for_each_engagement(filter, [&](Engagement&& engagement) {
      ReviewResult result = review_.review(engagement, as_of);
      result.record = ++position;
      summary.count_result(result.decision);
      sink.add_result(result);
    });
    sink.finish(summary);
  });
  if (!status) return status;
  return summary;
}

Status RegistryService::for_each_audit(const std::optional<std::string>& ref,
                                       const std::function<void(const AuditEntry&)>& visit) {
  return database_call([&] { registry_.for_each_audit(ref, visit); });
}

Result<AuditVerification> RegistryService::verify_audit() {
  AuditVerification verification;
  std::string previous_hash;
  Status status = database_call([&] {
    registry_.for_each_audit(std::nullopt, [&](const AuditEntry& entry) {
      ++verification.entries;
      if (verification.first_bad_entry) return;
      if (entry.prev_hash != previous_hash) {
        verification.first_bad_entry = entry.id;
        verification.problem = "its link to the previous entry is broken: an entry before it was deleted or changed";
      } else if (audit_entry_hash(entry) != entry.hash) {
        verification.first_bad_entry = entry.id;
        verification.problem = "its content does not match its hash: the entry was changed";
      }
      previous_hash = entry.hash;
    });
  });
  if (!status) return status;
  return verification;
}

}  // namespace itaku
