#include "itaku/service/registry_service.hpp"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <set>

#include "io/text_encoding.hpp"
#include "itaku/domain/corporate_number.hpp"
#include "itaku/domain/engagement_history.hpp"
#include "itaku/domain/engagement_json.hpp"
#include "itaku/domain/record_changes.hpp"
#include "itaku/domain/verification.hpp"
#include "itaku/report/report_json.hpp"
#include "itaku/service/token_service.hpp"
#include "schema/issue_messages.hpp"
#include "schema/record_limits.hpp"
#include "service/audit_images.hpp"
#include "service/database_call.hpp"
#include "service/ordered_pipeline.hpp"
#include "service/refs_once.hpp"
#include "text/utc_timestamp.hpp"

namespace itaku {
namespace {

// Records written per batch on import: large enough that PostgreSQL's round trips stop
// mattering, small enough to keep memory flat on a file of any size.
constexpr std::size_t kImportBatch = 256;
// Imports writing at least this many engagements refresh the planner's statistics.
constexpr std::size_t kStatisticsRefreshAfter = 1000;

const char* action_for(UpsertOutcome outcome) {
  return outcome == UpsertOutcome::kCreated ? "import.create" : "import.update";
}

using detail::database_call;

}  // namespace

std::string current_user_name() {
  if (const passwd* entry = ::getpwuid(::geteuid()); entry && entry->pw_name && *entry->pw_name) {
    return entry->pw_name;
  }
  if (const char* user = std::getenv("USER"); user && *user) return user;
  return "unknown";
}


Result<ImportReport> RegistryService::import_records(const std::vector<std::unique_ptr<RecordSource>>& sources,
                                                     const ImportOptions& options) {
  const ReviewService& reviewing = review_;
  ImportReport report;
  const std::string actor = options.actor.empty() ? current_user_name() : options.actor;
  std::unique_ptr<Registry::Transaction> transaction;
  if (Status status = database_call([&] { transaction = registry_.begin(); }); !status) return status;

  // Where each ref was first seen in this run: a second record with the same ref is an error,
  // not a silent overwrite.
  detail::RefsOnce refs_once("取込み", "import");

  // Valid records are written in batches: on PostgreSQL a batch costs a few round trips instead
  // of a dozen per record. Each change is audited with the engagement as stored before and after.
  std::vector<Engagement> pending;
  std::vector<nlohmann::json> pending_given;  // the records as given: which fields each leaves out
  auto write_pending = [&] {
    if (pending.empty()) return;
    const std::vector<UpsertResult> upserts =
        registry_.upsert_engagements(pending, Registry::AbsentFields::kKept, pending_given);
    pending.clear();
    pending_given.clear();
    std::vector<AuditEntry> entries;
    const std::string now = detail::utc_timestamp();
    for (const UpsertResult& upsert : upserts) {
      if (options.dry_run && report.would_store.size() < ImportReport::kWouldStoreShown) {
        report.would_store.push_back(engagement_to_json(upsert.after));
      }
      if (upsert.vendor_conflict) report.vendor_conflicts.push_back({upsert.after.ref, *upsert.vendor_conflict});
      switch (upsert.outcome) {
        case UpsertOutcome::kCreated: ++report.created; break;
        case UpsertOutcome::kUpdated: ++report.updated; break;
        case UpsertOutcome::kUnchanged: ++report.unchanged; continue;
      }
      report.changes.push_back({upsert.after.ref, upsert.outcome});
      AuditEntry& entry = entries.emplace_back();
      entry.at = now;
      entry.actor = actor;
      entry.action = action_for(upsert.outcome);
      entry.entity = "engagement";
      entry.entity_key = upsert.after.ref;
      if (upsert.before) entry.before_json = engagement_to_json(*upsert.before).dump();
      entry.after_json = engagement_to_json(upsert.after).dump();
    }
    registry_.append_audits(std::move(entries));
  };

  // On the caller's thread, in input order: the workers parse and validate the next records
  // while this one writes.
  auto accept = [&](detail::RecordOutcome& outcome) {
    ++report.records;
    refs_once.check(outcome);
    if (!outcome.errors.empty()) {
      ++report.invalid;
      for (auto& error : outcome.errors) report.errors.push_back(std::move(error));
      return;
    }
    // With invalid records nothing will be written, but the valid ones still go into the
    // transaction (rolled back at the end), so the report says truthfully what would have happened.
    pending.push_back(std::move(*outcome.engagement));
    pending_given.push_back(outcome.given ? std::move(*outcome.given) : engagement_to_json(pending.back()));
    if (pending.size() >= kImportBatch) write_pending();
  };

  const PluginHost& plugins = reviewing.plugins();
  Status written = database_call([&] {
    detail::OrderedPipeline pipeline(
        std::max(1u, options.jobs),
        [](detail::PipelineBatch& batch, const RecordValidator& validator) {
          batch.outcomes.reserve(batch.records.size());
          for (auto& record : batch.records) batch.outcomes.push_back(detail::check_record(record, *batch.source_name, validator));
          batch.records.clear();
        },
        [&plugins]() { return RecordValidator::create(plugins); }, reviewing.validator(), accept);
    detail::add_sources(pipeline, sources, options.jobs);
    pipeline.finish();
    write_pending();
  });
  if (!written) return written;  // the transaction rolls back as it goes out of scope
  if (report.invalid > 0 && !options.skip_invalid) return report;  // what would have happened, nothing written
  if (options.dry_run) return report;
  if (Status status = database_call([&] { transaction->commit(); }); !status) return status;
  report.written = true;
  if (report.created + report.updated >= kStatisticsRefreshAfter) {
    // Written already: stale statistics only slow later queries, so a failure here is not the import's.
    (void)database_call([&] { registry_.refresh_statistics(); });
  }
  return report;
}

Status BasicRegistryService::export_records(const EngagementFilter& filter, RecordWriter& writer) {
  return database_call([&] {
    // One snapshot: an export taken while others write is the registry at one moment.
    auto snapshot = registry_.begin_read();
    registry_.for_each_engagement(filter, [&](Engagement&& engagement) { writer.write(engagement_to_json(engagement)); });
    writer.finish();
    snapshot->commit();
  });
}

Result<ReviewSummary> RegistryService::review_registry(const EngagementFilter& filter, ReportSink& sink, Date as_of) {
  ReviewSummary summary;
  summary.as_of = as_of;
  Status status = database_call([&] {
    auto snapshot = registry_.begin_read();
    sink.begin(as_of);
    registry_.for_each_engagement(filter, [&](Engagement&& engagement) {
      // record stays 0: a stored engagement has no input position (docs/records.md), and a
      // position in the store's order would read as one.
      ReviewResult result = review_.review(engagement, as_of);
      summary.count_result(result.decision);
      sink.add_result(result);
    });
    sink.finish(summary);
  });
  if (!status) return status;
  return summary;
}

Status BasicRegistryService::for_each_audit(const std::optional<std::string>& ref,
                                       const std::function<void(const AuditEntry&)>& visit) {
  return database_call([&] { registry_.for_each_audit(ref, visit); });
}

namespace {

// An engagement's own fields as the trail can vouch for them: the vendor and the responsible
// person are shared records whose other fields change without an entry of this engagement (a
// certificate added to the vendor, a person's e-mail given by another record), so only which
// vendor and which person it names is compared.
nlohmann::json own_fields(nlohmann::json record) {
  if (auto vendor = record.find("vendor"); vendor != record.end() && vendor->is_object()) {
    *vendor = vendor->contains("corporate_number") ? nlohmann::json{{"corporate_number", (*vendor)["corporate_number"]}}
                                                   : nlohmann::json{{"name", vendor->value("name", "")}};
  }
  if (auto person = record.find("responsible_person"); person != record.end() && person->is_object()) {
    *person = {{"name", person->value("name", "")}, {"department", person->value("department", "")}};
  }
  return record;
}

std::string shown(const nlohmann::json& value) { return value.is_null() ? "absent" : value.dump(); }

// Vendors are one per 法人番号, else per name; the two kinds of key never meet (a vendor named
// with thirteen digits is not the vendor with that 法人番号).
std::string vendor_key(const nlohmann::json& vendor) {
  if (vendor.contains("corporate_number") && vendor["corporate_number"].is_string()) {
    return "#" + vendor["corporate_number"].get<std::string>();
  }
  return "@" + vendor.value("name", std::string());
}

// "vendor 4011001098993" or "vendor 株式会社例示" for a message.
std::string vendor_label(const std::string& key) { return "vendor " + key.substr(1); }

// A change between two entries of one record that no entry accounts for: the before-image of
// `entry` differs from the after-image the previous entry left.
void compare_before(const std::string& label, const AuditEntry& entry, const nlohmann::json& previous_after,
                    const nlohmann::json& before, std::vector<std::string>& differences) {
  for (const auto& change : record_changes(previous_after, before)) {
    differences.push_back(label + ": changed behind Itaku's back before entry " + std::to_string(entry.id) + ": " +
                          change.pointer + " was " + shown(change.after) + ", the entry before says " +
                          shown(change.before));
  }
}

// Differences between what is stored and what the trail says, one line per field.
void compare(const std::string& key, const nlohmann::json& trail, const nlohmann::json& present,
             std::vector<std::string>& differences) {
  for (const auto& change : record_changes(trail, present)) {
    differences.push_back(key + ": " + change.pointer + " is " + shown(change.after) + ", the trail says " +
                          shown(change.before));
  }
}

}  // namespace

std::optional<AuditAnchor> parse_audit_anchor(const std::string& text) {
  const std::size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon > 12) return std::nullopt;
  const std::string count = text.substr(0, colon);
  std::string hash = text.substr(colon + 1);
  for (char& c : hash) c = static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c);
  if (count.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  const long long entries = std::stoll(count);
  // An empty trail's head is "0:" (no hash); any other head has the 64-digit hash of its last entry.
  if (entries == 0) return hash.empty() ? std::optional(AuditAnchor{0, ""}) : std::nullopt;
  if (hash.size() != 64 || hash.find_first_not_of("0123456789abcdef") != std::string::npos) return std::nullopt;
  return AuditAnchor{entries, hash};
}

Result<AuditHead> BasicRegistryService::audit_head() {
  AuditHead head;
  Status status = database_call([&] { head = registry_.audit_head(); });
  if (!status) return status;
  return head;
}

Result<AuditVerification> BasicRegistryService::verify_audit(const std::optional<AuditAnchor>& anchor) {
  AuditVerification verification;
  std::string previous_hash;
  Status status = database_call([&] {
    // The trail, its head and the registry from one snapshot: read apart, an append between two
    // reads looked like deleted entries or a changed record.
    auto snapshot = registry_.begin_read();
    // The newest after-image of each engagement and token (an assessment's entry carries the
    // review, not the engagement).
    // Each engagement's own fields as its newest entry left them (null: removed), parsed once.
    std::map<std::string, nlohmann::json> engagements;
    std::map<std::string, std::string> tokens;
    // Each vendor as the newest entry naming it left it (an engagement's, or a vendor's own).
    std::map<std::string, nlohmann::json> vendors;
    // Persons come in through their own entries and inside engagements' after-images; no write
    // renames or removes one, so every stored person must be named by some entry, and each
    // person entry's person must still be stored under that name.
    std::set<std::pair<std::string, std::string>> person_names;
    std::map<long long, std::pair<std::string, std::string>> person_entries;
    const auto name_of = [](const nlohmann::json& person) {
      return std::make_pair(person.value("name", std::string()), person.value("department", std::string()));
    };
    bool anchor_met = false;
    registry_.for_each_audit(std::nullopt, [&](const AuditEntry& entry) {
      ++verification.entries;
      if (verification.first_bad_entry) return;
      if (entry.prev_hash != previous_hash) {
        verification.first_bad_entry = entry.id;
        verification.problem = "its link to the previous entry is broken: an entry before it was deleted or changed";
      } else if (audit_entry_hash(entry) != entry.hash) {
        verification.first_bad_entry = entry.id;
        verification.problem = "its content does not match its hash: the entry was changed";
      } else if (anchor && static_cast<long long>(verification.entries) == anchor->entries) {
        anchor_met = true;
        if (entry.hash != anchor->hash) {
          verification.first_bad_entry = entry.id;
          verification.problem = "the trail no longer extends the head written down (entry " +
                                 std::to_string(anchor->entries) + " had hash " + anchor->hash +
                                 "): the trail was rewritten and its hashes recomputed";
        }
      }
      previous_hash = entry.hash;
      // Each entry's before-image must be what the entry before it left: a change made between
      // the two behind Itaku's back would otherwise be hidden by the next ordinary write.
      auto& differences = verification.state_differences;
      if (entry.entity == "engagement" && entry.action != "assessment.add") {
        const auto previous = engagements.find(entry.entity_key);
        if (previous != engagements.end() && !previous->second.is_null() && !entry.before_json.empty()) {
          compare_before(entry.entity_key, entry, previous->second, own_fields(nlohmann::json::parse(entry.before_json)),
                         differences);
        }
        const nlohmann::json after = entry.after_json.empty() ? nlohmann::json() : nlohmann::json::parse(entry.after_json);
        if (after.contains("vendor")) vendors[vendor_key(after["vendor"])] = after["vendor"];
        if (after.contains("responsible_person")) person_names.insert(name_of(after["responsible_person"]));
        engagements[entry.entity_key] = after.is_null() ? after : own_fields(after);
      }
      if (entry.entity == "vendor" && !entry.after_json.empty()) {
        const nlohmann::json after = nlohmann::json::parse(entry.after_json);
        const std::string key = vendor_key(after);
        if (const auto previous = vendors.find(key); previous != vendors.end() && !entry.before_json.empty()) {
          compare_before(vendor_label(key), entry, previous->second, nlohmann::json::parse(entry.before_json), differences);
        }
        vendors[key] = after;
      }
      if (entry.entity == "person" && !entry.after_json.empty()) {
        const nlohmann::json after = nlohmann::json::parse(entry.after_json);
        person_names.insert(name_of(after));
        person_entries[after.value("id", 0LL)] = name_of(after);
      }
      if (entry.entity == "token") {
        const auto previous = tokens.find(entry.entity_key);
        if (previous != tokens.end() && !previous->second.empty() && !entry.before_json.empty()) {
          compare_before("token " + entry.entity_key, entry, nlohmann::json::parse(previous->second),
                         nlohmann::json::parse(entry.before_json), differences);
        }
        tokens[entry.entity_key] = entry.after_json;
      }
    });
    if (verification.first_bad_entry) return;
    if (anchor && anchor->entries > 0 && !anchor_met) {
      verification.first_bad_entry = static_cast<long long>(verification.entries);
      verification.problem = "the trail has " + std::to_string(verification.entries) +
                             " entries, fewer than the head written down (" + std::to_string(anchor->entries) +
                             "): entries were deleted";
      return;
    }
    const AuditHead head = registry_.audit_head();
    if (static_cast<long long>(verification.entries) != head.entries || previous_hash != head.last_hash) {
      // The chain itself cannot show that its newest entries are gone: the head, written with
      // every append, can.
      verification.first_bad_entry = head.last_id;
      verification.problem = "the trail ends early: " + std::to_string(head.entries) + " entries were written, the last being entry " +
                             std::to_string(head.last_id) + ", but " + std::to_string(verification.entries) +
                             " remain: the newest entries were deleted";
      return;
    }
    // The state: each engagement and token as its newest entry left it.
    auto& differences = verification.state_differences;
    registry_.for_each_engagement({}, [&](Engagement&& engagement) {
      const auto said = engagements.find(engagement.ref);
      if (said == engagements.end() || said->second.is_null()) {
        differences.push_back(engagement.ref + ": stored, but no audit entry records it");
        return;
      }
      const nlohmann::json present = engagement_to_json(engagement);
      compare(engagement.ref, said->second, own_fields(present), differences);
      engagements.erase(said);
      if (present.contains("vendor")) {
        const std::string key = vendor_key(present["vendor"]);
        if (const auto vendor = vendors.find(key); vendor != vendors.end()) {
          compare(vendor_label(key), vendor->second, present["vendor"], differences);
          vendors.erase(vendor);  // each vendor once
        }
      }
    });
    for (const auto& [ref, after] : engagements) {
      if (!after.is_null()) differences.push_back(ref + ": the trail records it, but it is not in the registry");
    }
    for (const StoredPerson& stored : registry_.list_persons(true)) {
      const auto name = std::make_pair(stored.person.name, stored.person.department);
      const std::string label = "person " + std::to_string(stored.id) + " (" + name.first + ", " + name.second + ")";
      if (!person_names.count(name)) differences.push_back(label + ": stored, but no audit entry names this person");
      if (const auto said = person_entries.find(stored.id); said != person_entries.end()) {
        if (said->second != name) {
          differences.push_back(label + ": the trail says person " + std::to_string(stored.id) + " is " +
                                said->second.first + ", " + said->second.second);
        }
        person_entries.erase(said);
      }
    }
    for (const auto& [id, name] : person_entries) {
      differences.push_back("person " + std::to_string(id) + " (" + name.first + ", " + name.second +
                            "): the trail records it, but it is not in the registry");
    }
    for (const ApiToken& token : registry_.list_tokens()) {
      const auto said = tokens.find(token.name);
      if (said == tokens.end()) {
        differences.push_back("token " + token.name + ": stored, but no audit entry records it");
        continue;
      }
      nlohmann::json present = detail::token_audit_image(token);
      const nlohmann::json trail = nlohmann::json::parse(said->second);
      // Entries written before the token's SHA-256 was recorded cannot vouch for it.
      if (!trail.contains("token_sha256")) present.erase("token_sha256");
      compare("token " + token.name, trail, present, differences);
      tokens.erase(said);
    }
    for (const auto& [name, after] : tokens) {
      if (!after.empty()) differences.push_back("token " + name + ": the trail records it, but it is not in the registry");
    }
  });
  if (!status) return status;
  return verification;
}

}  // namespace itaku

namespace itaku {
namespace {

// A record's first problem (kInvalidArgument naming its path), or Ok when it is valid.
Status first_issue(const RecordValidator& validator, const nlohmann::json& record) {
  auto issues = validator.validate(record);
  if (issues.empty()) return Status::ok();
  return Status(ErrorCode::kInvalidArgument, both_languages(issues.front()), issues.front().path);
}

Status not_found(const std::string& ref) {
  return Status(ErrorCode::kNotFound,
                "参照番号「" + ref + "」の契約は登録されていません / no engagement with ref '" + ref + "' in the registry", "ref");
}

}  // namespace

void BasicRegistryService::audit(const std::string& actor, const std::string& action, const std::string& entity,
                            const std::string& key, const std::string& before, const std::string& after) {
  AuditEntry entry;
  entry.at = detail::utc_timestamp();
  entry.actor = actor.empty() ? current_user_name() : actor;
  entry.action = action;
  entry.entity = entity;
  entry.entity_key = key;
  entry.before_json = before;
  entry.after_json = after;
  registry_.append_audit(std::move(entry));
}

Result<Engagement> RegistryService::change_engagement(const std::string& ref, const std::string& actor,
                                                      const std::string& action,
                                                      const std::function<void(Engagement&)>& change,
                                                      const std::function<Status(const Engagement&)>& allow) {
  std::optional<Engagement> stored;
  Status status = database_call([&] {
    auto transaction = registry_.begin();
    auto before = registry_.find_engagement_for_update(ref);
    if (!before) throw Error(not_found(ref));
    if (allow) {
      if (Status allowed = allow(*before); !allowed) throw Error(allowed);
    }
    Engagement after = *before;
    change(after);
    // The change must leave a valid record, checked exactly as an imported one would be.
    const nlohmann::json record = engagement_to_json(after);
    if (Status valid = first_issue(review_.validator(), record); !valid) throw Error(valid);
    const UpsertResult upsert = registry_.upsert_engagement(after);
    if (upsert.outcome != UpsertOutcome::kUnchanged) {
      audit(actor, action, "engagement", ref, engagement_to_json(*before).dump(), engagement_to_json(upsert.after).dump());
    }
    transaction->commit();
    stored = upsert.after;
  });
  if (!status) return status;
  return *stored;
}

Result<EngagementDetails> BasicRegistryService::show(const std::string& ref, Date as_of) {
  std::optional<EngagementDetails> details;
  Status status = database_call([&] {
    auto snapshot = registry_.begin_read();  // the engagement and its last assessment at one moment
    auto engagement = registry_.find_engagement(ref);
    if (!engagement) throw Error(not_found(ref));
    details = EngagementDetails{*engagement, verification_state(*engagement, as_of), registry_.last_assessment(ref)};
    snapshot->commit();
  });
  if (!status) return status;
  return *details;
}

Result<AssessOutcome> RegistryService::assess(const std::string& ref, Date as_of, const std::string& actor) {
  std::optional<AssessOutcome> outcome;
  Status status = database_call([&] {
    auto transaction = registry_.begin();
    auto engagement = registry_.find_engagement(ref);
    if (!engagement) throw Error(not_found(ref));
    ReviewResult result = review_.review(*engagement, as_of);
    std::string result_json;
    write_result_json(result_json, result);
    const LoadedPlugin* plugin = review_.plugins().for_kind(engagement->kind);
    StoredAssessment assessment{ref,
                                as_of,
                                plugin ? plugin->description().name : std::string("none"),
                                plugin ? plugin->description().version : std::string("-"),
                                detail::utc_timestamp(),
                                actor.empty() ? current_user_name() : actor,
                                result_json};
    registry_.add_assessment(assessment);
    audit(actor, "assessment.add", "engagement", ref, "", result_json);
    transaction->commit();
    outcome = AssessOutcome{std::move(result), std::move(assessment)};
  });
  if (!status) return status;
  return std::move(*outcome);
}

Result<RegisterOutcome> RegistryService::register_record(const nlohmann::json& record, Date as_of,
                                                         const std::string& actor, const RegisterOptions& options) {
  if (Status valid = first_issue(review_.validator(), record); !valid) return valid;
  const std::string ref = record.at("ref").get<std::string>();
  return write_record(ref, as_of, actor, options, [&](const std::optional<Engagement>&) { return record; });
}

Result<RegisterOutcome> RegistryService::update_record(const std::string& ref, const nlohmann::json& patch, Date as_of,
                                                       const std::string& actor, const RegisterOptions& options) {
  if (!patch.is_object()) {
    return Status(ErrorCode::kInvalidArgument, "変更する項目のオブジェクト（JSON Merge Patch）にしてください / a merge patch is an object of the fields to change");
  }
  if (const auto it = patch.find("ref"); it != patch.end() && *it != nlohmann::json(ref)) {
    return Status(ErrorCode::kInvalidArgument, "契約の参照番号は変更できません（" + ref + "） / the ref of an engagement cannot be changed (it is " + ref + ")",
                  "/ref");
  }
  RegisterOptions must_exist = options;
  must_exist.mode = RegisterOptions::Mode::kReplaceOnly;
  return write_record(
      ref, as_of, actor, must_exist,
      [&](const std::optional<Engagement>& stored) {
        return merge_patched(engagement_to_json(*stored), patch);
      });
}

namespace {

// 「#2 2026-11-01 fail（監査）」: a stored verification as a person finds it in `itaku show`.
std::string describe_verification(std::size_t position, const Verification& verification) {
  std::string text = "#" + std::to_string(position + 1) + " " + verification.date.to_string() + " " +
                     verification_result_name(verification.result);
  if (verification.verifier) text += " (" + *verification.verifier + ")";
  return text;
}

// kConflict when `record` lists verifications that drop or alter stored ones.
void keep_recorded_verifications(const Engagement& stored, const nlohmann::json& record, const Engagement& incoming) {
  if (!record.contains("verifications")) return;
  const std::vector<std::size_t> rewritten = rewritten_verifications(stored.verifications, incoming.verifications);
  if (rewritten.empty()) return;
  std::string named;
  for (std::size_t position : rewritten) {
    named += (named.empty() ? "" : ", ") + describe_verification(position, stored.verifications[position]);
  }
  throw Error(ErrorCode::kConflict,
              "記録済みの定期確認は削除・変更できません（誤りは取消（void）で記録します）: " + named +
                  " / recorded verifications cannot be removed or changed (void one recorded in error instead): " + named,
              "/verifications/" + std::to_string(rewritten.front()));
}

// A void is recorded by void_verification (officer or admin, audited as verification.void), never
// written with a new verification through a record.
void refuse_new_voids(const std::vector<Verification>& stored, const std::vector<Verification>& incoming) {
  const std::vector<Verification> added = new_verifications(stored, incoming);
  for (const Verification& verification : added) {
    if (!verification.voided) continue;
    const auto at = std::find_if(incoming.begin(), incoming.end(), [&](const Verification& v) {
      return v.same_check(verification) && v.voided;
    });
    throw Error(ErrorCode::kConflict,
                "新しい確認記録を取消済みとして登録することはできません（取消は記録後に void で行います） / a new "
                "verification cannot arrive voided: record it, then void it",
                "/verifications/" + std::to_string(at - incoming.begin()) + "/voided");
  }
}

}  // namespace

Result<RegisterOutcome> RegistryService::write_record(
    const std::string& ref, Date as_of, const std::string& actor, const RegisterOptions& options,
    const std::function<nlohmann::json(const std::optional<Engagement>& stored)>& build) {
  std::optional<RegisterOutcome> outcome;
  Status status = database_call([&] {
    auto transaction = registry_.begin();
    const std::optional<Engagement> stored = registry_.find_engagement_for_update(ref);
    if (stored && options.mode == RegisterOptions::Mode::kCreateOnly) {
      throw Error(ErrorCode::kAlreadyExists,
                  "参照番号 " + ref + " はすでに登録されています。別の参照番号にするか、登録済みのものを更新してください / an engagement with ref " +
                      ref + " is registered; choose another ref or update the registered one",
                  "/ref");
    }
    if (!stored && options.mode == RegisterOptions::Mode::kReplaceOnly) throw Error(not_found(ref));
    const nlohmann::json record = build(stored);
    if (Status valid = first_issue(review_.validator(), record); !valid) throw Error(valid);
    const Engagement engagement = engagement_from_json(record);
    if (options.allow) {
      if (Status allowed = options.allow(stored, engagement); !allowed) throw Error(allowed);
    }
    if (stored) keep_recorded_verifications(*stored, record, engagement);
    refuse_new_voids(stored ? stored->verifications : std::vector<Verification>(), engagement.verifications);
    UpsertResult upsert = registry_.upsert_engagement(engagement);
    if (upsert.outcome != UpsertOutcome::kUnchanged) {
      audit(actor, upsert.outcome == UpsertOutcome::kCreated ? "register.create" : "register.update",
            "engagement", ref, upsert.before ? engagement_to_json(*upsert.before).dump() : "",
            engagement_to_json(upsert.after).dump());
    }
    transaction->commit();
    outcome = RegisterOutcome{upsert.outcome, std::move(upsert.before), std::move(upsert.after), {},
                              std::move(upsert.vendor_conflict)};
  });
  if (!status) return status;
  outcome->review = review_.review(outcome->after, as_of);
  return std::move(*outcome);
}

Result<EngagementPage> RegistryService::list_engagements(const EngagementQuery& query) {
  constexpr std::size_t kChunk = 256;
  constexpr std::size_t kMostRead = 4096;
  EngagementPage page;
  Status status = database_call([&] {
    auto snapshot = registry_.begin_read();  // the chunks of one page, and its cursor, at one moment
    std::string after = query.after;
    std::size_t read = 0;
    bool more = true;  // whether engagements after `after` may exist
    while (more && page.items.size() < query.limit && read < kMostRead) {
      std::vector<Engagement> chunk = registry_.engagements_page(query.filter, after, kChunk);
      more = chunk.size() == kChunk;
      for (std::size_t i = 0; i < chunk.size(); ++i) {
        Engagement& engagement = chunk[i];
        after = engagement.ref;
        ++read;
        if (query.visible && !query.visible(engagement)) continue;
        // The search text is matched here, not in the store's SQL: the account and url of a
        // channel live in the section's JSON (json_extract on SQLite, ->> on PostgreSQL), the two
        // databases fold case differently (SQLite's LIKE folds ASCII only, PostgreSQL's ILIKE and
        // lower() follow the server's locale), and neither folds full-width letters or half-width
        // kana. One function (TextSearch) answers the same on both, and a page is then bounded by
        // the same scan limit as the decision and verification_status filters beside it. What it
        // skips is read but never reviewed, the review being the dear part.
        if (!query.text.matches(engagement)) continue;
        ReviewResult result = review_.review(engagement, query.as_of);
        if (query.decision && result.decision != *query.decision) continue;
        if (query.verification_status && result.verification.status != *query.verification_status) continue;
        page.items.push_back({std::move(engagement), std::move(result)});
        if (page.items.size() == query.limit) {
          more = more || i + 1 < chunk.size();
          break;
        }
      }
    }
    // A full chunk may have been the last one: a cursor must lead somewhere.
    if (more) more = !registry_.engagements_page(query.filter, after, 1).empty();
    if (more) page.next_after = after;
    snapshot->commit();
  });
  if (!status) return status;
  return page;
}

void SeverityCounts::add(Severity severity) noexcept {
  switch (severity) {
    case Severity::kCritical: ++critical; break;
    case Severity::kHigh: ++high; break;
    case Severity::kMedium: ++medium; break;
    case Severity::kLow: ++low; break;
  }
}

Result<Dashboard> RegistryService::dashboard(Date as_of, const std::function<bool(const Engagement&)>& visible,
                                             const EngagementFilter& filter) {
  constexpr std::size_t kChunk = 256;
  Dashboard board;
  board.as_of = as_of;
  std::map<std::string, DepartmentFindings> departments;  // ordered by name
  Status status = database_call([&] {
    auto snapshot = registry_.begin_read();  // every chunk at one moment: the counts add up
    std::string after;
    for (bool more = true; more;) {
      std::vector<Engagement> chunk = registry_.engagements_page(filter, after, kChunk);
      more = chunk.size() == kChunk;
      for (const Engagement& engagement : chunk) {
        after = engagement.ref;
        if (visible && !visible(engagement)) continue;
        // The list's review (list_engagements), so that the dashboard's counts are what the list
        // shows when filtered by the same decision or verification status.
        const ReviewResult result = review_.review(engagement, as_of);
        ++board.engagements;
        switch (result.decision) {
          case Decision::kApprove: ++board.approve; break;
          case Decision::kConditional: ++board.conditional; break;
          case Decision::kReject: ++board.reject; break;
        }
        switch (result.verification.status) {
          case VerificationStatus::kVerified: ++board.verified; break;
          case VerificationStatus::kDueSoon: ++board.due_soon; break;
          case VerificationStatus::kUnverified: ++board.unverified; break;
          case VerificationStatus::kOverdue: ++board.overdue; break;
          case VerificationStatus::kFailed: ++board.failed; break;
        }
        ++board.kinds[engagement.kind];
        DepartmentFindings& department = departments[engagement.department];
        ++department.engagements;
        for (const Finding& finding : result.findings) {
          department.findings.add(finding.severity);
          board.findings.add(finding.severity);
        }
      }
    }
    snapshot->commit();
  });
  if (!status) return status;
  board.departments.reserve(departments.size());
  for (auto& [name, department] : departments) {
    department.department = name;
    board.departments.push_back(std::move(department));
  }
  return board;
}

Result<VendorPage> BasicRegistryService::list_vendors(const VendorQuery& query) {
  constexpr std::size_t kChunk = 256;
  constexpr std::size_t kMostRead = 4096;
  VendorPage page;
  Status status = database_call([&] {
    auto snapshot = registry_.begin_read();  // the chunks of one page, and its cursor, at one moment
    long long after = query.after_id;
    std::size_t read = 0;
    bool more = true;    // whether vendors after `after` may exist
    bool known = false;  // true when one of them has been read already (no need to look again)
    while (more && page.items.size() < query.limit && read < kMostRead) {
      std::vector<StoredVendor> chunk = registry_.vendors_page(after, kChunk);
      more = chunk.size() == kChunk;
      for (std::size_t i = 0; i < chunk.size(); ++i) {
        after = chunk[i].id;
        ++read;
        if (!query.text.matches(chunk[i].vendor)) continue;  // in the service, as for engagements (list_engagements)
        page.items.push_back(std::move(chunk[i]));
        if (page.items.size() == query.limit) {
          known = i + 1 < chunk.size();
          more = more || known;
          break;
        }
      }
    }
    // A full chunk may have been the last one: a cursor must lead somewhere.
    if (more && !known) more = !registry_.vendors_page(after, 1).empty();
    if (more) page.next_after = after;
    snapshot->commit();
  });
  if (!status) return status;
  return page;
}

Result<std::vector<StoredAssessment>> BasicRegistryService::assessments_of(const std::string& ref) {
  std::vector<StoredAssessment> assessments;
  Status status = database_call([&] {
    auto snapshot = registry_.begin_read();
    if (!registry_.find_engagement(ref)) throw Error(not_found(ref));
    assessments = registry_.assessments_of(ref);
    snapshot->commit();
  });
  if (!status) return status;
  return assessments;
}

Result<std::vector<AuditEntry>> BasicRegistryService::audit_page(const std::optional<std::string>& ref, long long after_id,
                                                            std::size_t limit) {
  std::vector<AuditEntry> entries;
  Status status = database_call([&] { entries = registry_.audit_page(ref, after_id, limit); });
  if (!status) return status;
  return entries;
}

Result<std::vector<Engagement>> BasicRegistryService::channels() {
  std::vector<Engagement> found;
  Status status = database_call([&] {
    EngagementFilter filter;
    filter.kind = "social_media";
    registry_.for_each_engagement(filter, [&](Engagement&& engagement) { found.push_back(std::move(engagement)); });
  });
  if (!status) return status;
  return found;
}

Result<long long> BasicRegistryService::last_change() {
  long long last = 0;
  Status status = database_call([&] { last = registry_.audit_head().last_id; });
  if (!status) return status;
  return last;
}

Result<Engagement> RegistryService::add_verification(const std::string& ref, const Verification& verification,
                                                     const std::string& actor,
                                                     const std::function<Status(const Engagement&)>& allow) {
  // Who verified is optional, but if given it must say someone: a blank name is a slip of the form.
  if (verification.verifier && verification.verifier->find_first_not_of(" \t\r\n\u3000") == std::string::npos) {
    return Status(ErrorCode::kInvalidArgument, "確認者を書くか、空欄のままにしてください / give who verified, or leave it out",
                  "/verifier");
  }
  return change_engagement(
      ref, actor, "verification.add", [&](Engagement& engagement) { engagement.verifications.push_back(verification); },
      allow);
}

Result<Engagement> BasicRegistryService::void_verification(const std::string& ref, std::size_t number,
                                                      const std::string& reason, const std::string& actor,
                                                      const std::function<Status(const Engagement&)>& allow) {
  if (reason.find_first_not_of(" \t\r\n\u3000") == std::string::npos) {
    return Status(ErrorCode::kInvalidArgument, "取消の理由を書いてください / give the reason for voiding", "reason");
  }
  if (Status text = detail::check_text_value(reason, "reason"); !text) return text;
  std::optional<Engagement> after;
  Status status = database_call([&] {
    auto transaction = registry_.begin();
    const std::optional<Engagement> before = registry_.find_engagement_for_update(ref);
    if (!before) throw Error(not_found(ref));
    if (allow) {
      if (Status allowed = allow(*before); !allowed) throw Error(allowed);
    }
    if (number == 0 || number > before->verifications.size()) {
      throw Error(ErrorCode::kNotFound,
                  ref + " の確認結果は " + std::to_string(before->verifications.size()) + " 件で、" + std::to_string(number) +
                      " 番目はありません（itaku show " + ref + " で確かめてください） / " + ref + " has " +
                      std::to_string(before->verifications.size()) + " verification(s); there is no number " +
                      std::to_string(number) + " (see itaku show " + ref + ")",
                  "number");
    }
    registry_.void_verification(ref, number - 1,
                                VerificationVoid{detail::utc_timestamp(), actor.empty() ? current_user_name() : actor, reason});
    after = registry_.find_engagement(ref);
    if (!after) throw Error(ErrorCode::kInternal, ref + " vanished while a verification was voided");
    audit(actor, "verification.void", "engagement", ref, engagement_to_json(*before).dump(),
          engagement_to_json(*after).dump());
    transaction->commit();
  });
  if (!status) return status;
  return *after;
}

Result<Engagement> RegistryService::set_clause(const std::string& ref, const std::string& clause, bool present,
                                               const std::optional<std::string>& note, const std::string& actor) {
  // The ID given is checked as given, before it joins the list: the message then speaks of what
  // the user typed, not of a position in a list they never wrote.
  std::vector<std::string> clause_ids;
  for (const auto& plugin : review_.plugins().plugins()) {
    for (const auto& requirement : plugin.description().catalogue) {
      if (requirement.contract_clause) clause_ids.push_back(requirement.id);
    }
  }
  if (std::find(clause_ids.begin(), clause_ids.end(), clause) == clause_ids.end()) {
    std::sort(clause_ids.begin(), clause_ids.end());
    const std::string range = clause_ids.empty() ? std::string("-") : clause_ids.front() + " … " + clause_ids.back();
    const std::string meant = detail::nearest_clause_id(clause, clause_ids);
    return Status(ErrorCode::kInvalidArgument,
                  "契約条項 ID「" + clause + "」はありません（契約条項: " + range + "）" +
                      (meant.empty() ? "" : "。「" + meant + "」ではありませんか") + " / unknown contract-clause ID '" +
                      clause + "' (contract clauses: " + range + ")" + (meant.empty() ? "" : "; did you mean '" + meant + "'?"),
                  "clause");
  }
  return change_engagement(ref, actor, present ? "clause.present" : "clause.missing", [&](Engagement& engagement) {
    auto& clauses = engagement.clauses;
    clauses.erase(std::remove(clauses.begin(), clauses.end(), clause), clauses.end());
    if (present) clauses.push_back(clause);
    // Evidence is history: a new note is added after the earlier ones, which stay; the note the
    // clause already ends with is not added again.
    if (note) {
      const auto& evidence = engagement.clause_evidence;
      const auto latest = std::find_if(evidence.rbegin(), evidence.rend(), [&](const ClauseEvidence& e) { return e.clause == clause; });
      if (latest == evidence.rend() || latest->note != *note) engagement.clause_evidence.push_back({clause, *note});
    }
  });
}

Result<Engagement> RegistryService::terminate(const std::string& ref, const Termination& termination,
                                              const std::string& actor) {
  return change_engagement(ref, actor, "engagement.terminate", [&](Engagement& engagement) {
    engagement.status = EngagementStatus::kTerminated;
    engagement.termination = termination;
  });
}

Result<VendorChange> BasicRegistryService::put_certification(const std::string& vendor_key,
                                                             const Certification& certification,
                                                             const std::string& actor) {
  if (!Date::is_valid(certification.valid_until.year(), certification.valid_until.month(), certification.valid_until.day())) {
    return Status(ErrorCode::kInvalidArgument, "有効期限が実在する日付ではありません / not a calendar date", "valid_until");
  }
  if (Status text = detail::check_text_value(vendor_key, "vendor", true); !text) return text;
  if (certification.number) {
    if (Status text = detail::check_text_value(*certification.number, "number"); !text) return text;
  }
  std::optional<VendorChange> change;
  Status status = database_call([&] {
    auto transaction = registry_.begin();
    change = registry_.put_certification(vendor_key, certification);
    // The same certificate again (a clerk's second run) changes nothing and is not audited.
    const std::string before = detail::vendor_audit_image(change->before).dump();
    const std::string after = detail::vendor_audit_image(change->after.vendor).dump();
    if (before != after) audit(actor, "certification.put", "vendor", vendor_key, before, after);
    transaction->commit();
  });
  if (!status) return status;
  return *change;
}

Result<VendorChange> BasicRegistryService::rename_vendor(const std::string& corporate_number, const std::string& name,
                                                         const std::string& actor) {
  if (!is_valid_corporate_number(corporate_number)) {
    return Status(ErrorCode::kInvalidArgument,
                  "法人番号ではありません（13 桁でチェックデジットが合うもの） / not a valid 法人番号 (13 digits with a matching check digit): '" + corporate_number + "'", "corporate_number");
  }
  if (name.find_first_not_of(" \t") == std::string::npos) {
    return Status(ErrorCode::kInvalidArgument, "新しい名称が空です / the new name is empty", "name");
  }
  if (Status text = detail::check_text_value(name, "name", true); !text) return text;
  std::optional<VendorChange> change;
  Status status = database_call([&] {
    auto transaction = registry_.begin();
    change = registry_.rename_vendor(corporate_number, name);
    if (change->before.name != change->after.vendor.name) {
      audit(actor, "vendor.rename", "vendor", corporate_number, detail::vendor_audit_image(change->before).dump(),
            detail::vendor_audit_image(change->after.vendor).dump());
    }
    transaction->commit();
  });
  if (!status) return status;
  return *change;
}

Result<StoredPerson> BasicRegistryService::add_person(const Person& person, const std::string& actor) {
  if (Status text = detail::check_text_value(person.name, "name", true); !text) return text;
  if (Status text = detail::check_text_value(person.department, "department", true); !text) return text;
  if (person.email) {
    if (Status text = detail::check_text_value(*person.email, "email", true); !text) return text;
  }
  std::optional<StoredPerson> stored;
  Status status = database_call([&] {
    auto transaction = registry_.begin();
    stored = registry_.add_person(person);
    audit(actor, "person.add", "person", std::to_string(stored->id), "", detail::person_audit_image(*stored).dump());
    transaction->commit();
  });
  if (!status) return status;
  return *stored;
}

Result<std::vector<StoredPerson>> BasicRegistryService::list_persons(bool include_inactive) {
  std::vector<StoredPerson> persons;
  Status status = database_call([&] { persons = registry_.list_persons(include_inactive); });
  if (!status) return status;
  return persons;
}

Result<StoredPerson> BasicRegistryService::deactivate_person(long long id, const std::string& actor) {
  std::optional<StoredPerson> after;
  Status status = database_call([&] {
    auto transaction = registry_.begin();
    auto before = registry_.find_person(id);
    if (!before) throw Error(ErrorCode::kNotFound, "ID " + std::to_string(id) + " の責任者はいません（itaku person list で確かめてください） / no person with id " +
                                                       std::to_string(id) + " (see itaku person list)");
    // Deactivating an inactive person changes nothing: no write, no audit entry.
    if (!before->person.is_active()) {
      after = before;
      return;
    }
    registry_.set_person_active(id, false);
    after = registry_.find_person(id);
    audit(actor, "person.deactivate", "person", std::to_string(id), detail::person_audit_image(*before).dump(),
          detail::person_audit_image(*after).dump());
    transaction->commit();
  });
  if (!status) return status;
  return *after;
}

Result<std::vector<std::string>> BasicRegistryService::reassign_person(long long from, long long to, const std::string& actor) {
  if (from == to) {
    // Nothing would move: said, rather than answered with an empty list that reads as done.
    return Status(ErrorCode::kInvalidArgument,
                  "引継ぎ元と引継ぎ先が同じ責任者（ID " + std::to_string(from) +
                      "）です。別の責任者を指定してください / the engagements would move from person " +
                      std::to_string(from) + " to the same person: give another person to take them over",
                  "to");
  }
  const auto unknown = [](long long id, const char* path) {
    return Error(ErrorCode::kNotFound,
                 "責任者 ID " + std::to_string(id) + " は登録されていません / no person with id " + std::to_string(id),
                 path);
  };
  std::vector<std::string> moved;
  Status status = database_call([&] {
    auto transaction = registry_.begin();
    const auto source = registry_.find_person(from);
    const auto target = registry_.find_person(to);
    if (!source) throw unknown(from, "from");
    if (!target) throw unknown(to, "to");
    if (!target->person.is_active()) {
      // The user's mistake (exit 2, HTTP 422), not a broken installation.
      throw Error(ErrorCode::kInvalidArgument,
                  target->person.name + "（" + target->person.department + "、ID " + std::to_string(to) +
                      "）は無効（異動・退職済み）の責任者です。有効な責任者に引き継いでください / " + target->person.name +
                      " (" + target->person.department + ", id " + std::to_string(to) +
                      ") is inactive (transferred or retired): reassign to an active person",
                  "to");
    }
    for (const auto& ref : registry_.engagements_of_person(from)) {
      // Locked while it is rewritten: a verification committed meanwhile is neither lost nor
      // missing from the audit entry's before-image.
      auto before = registry_.find_engagement_for_update(ref);
      if (!before) continue;  // removed meanwhile
      Engagement after = *before;
      after.responsible_person = target->person;
      const UpsertResult upsert = registry_.upsert_engagement(after);
      if (upsert.outcome == UpsertOutcome::kUnchanged) continue;
      audit(actor, "person.reassign", "engagement", ref, engagement_to_json(*before).dump(),
            engagement_to_json(upsert.after).dump());
      moved.push_back(ref);
    }
    transaction->commit();
  });
  if (!status) return status;
  return moved;
}

Result<std::vector<DueItem>> BasicRegistryService::due(Date as_of, int within_days, const EngagementFilter& filter,
                                                       const std::function<bool(const Engagement&)>& visible) {
  std::vector<DueItem> items;
  const Date horizon = as_of.add_days(within_days);
  std::map<std::string, bool> vendors_listed;
  Status status = database_call([&] {
    registry_.for_each_engagement(filter, [&](Engagement&& engagement) {
      if (engagement.status == EngagementStatus::kTerminated) return;
      if (visible && !visible(engagement)) return;
      const VerificationState state = verification_state(engagement, as_of);
      const bool listed = state.status == VerificationStatus::kOverdue || state.status == VerificationStatus::kFailed ||
                          state.next_due <= horizon;
      if (listed) {
        const std::string status(verification_status_name(state.status));
        items.push_back({DueItem::What::kVerification, state.next_due, engagement.ref, engagement.title,
                         engagement.department, status, status,
                         state.next_due.days_since_epoch() - as_of.days_since_epoch()});
      }
      if (!engagement.vendor) return;
      const std::string vendor_key = engagement.vendor->corporate_number.value_or(engagement.vendor->name);
      if (vendors_listed.count(vendor_key)) return;  // one line per certificate, not per engagement
      vendors_listed[vendor_key] = true;
      const auto& held = engagement.vendor->certifications;
      for (const auto& certification : held) {
        if (certification.valid_until > horizon || engagement.vendor->renewed(certification)) continue;
        const long days = certification.valid_until.days_since_epoch() - as_of.days_since_epoch();
        items.push_back({DueItem::What::kCertification, certification.valid_until, engagement.ref, engagement.title,
                         engagement.department,
                         certification.scheme + (certification.number ? " " + *certification.number : "") + " (" +
                             engagement.vendor->name + ")",
                         days < 0 ? "expired" : "expiring", days});
      }
    });
  });
  if (!status) return status;
  std::stable_sort(items.begin(), items.end(), [](const DueItem& a, const DueItem& b) { return a.date < b.date; });
  return items;
}

}  // namespace itaku
