// valijson stays in this file and issue_messages.cpp.
#include "itaku/schema/record_validator.hpp"

#include <map>
#include <set>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "itaku/domain/engagement_json.hpp"
#include "itaku/schema/schemas.hpp"
#include "schema/issue_messages.hpp"
#include "schema/pattern_checks.hpp"
#include "schema/record_limits.hpp"
#include "schema/semantic_checks.hpp"

namespace itaku {
namespace {

using nlohmann::json;

struct CompiledSchema {
  json document;                                                       // as written: messages quote it
  std::unique_ptr<valijson::Schema> schema = std::make_unique<valijson::Schema>();  // without patterns
  detail::SchemaPatterns patterns;                                     // checked with RE2 (pattern_checks.hpp)
};

CompiledSchema compile(const std::string_view text, const std::string& origin) {
  CompiledSchema compiled;
  try {
    compiled.document = json::parse(text);
    json without_patterns;
    compiled.patterns = detail::SchemaPatterns::compile(compiled.document, without_patterns);
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(without_patterns);
    parser.populateSchema(adapter, *compiled.schema);
  } catch (const std::exception& error) {
    throw Error(ErrorCode::kInternal, "the JSON Schema of " + origin + " is not usable: " + error.what());
  }
  return compiled;
}

// Each kind has a section of its own name (docs/records.md): the engagement schema's `kind` enum
// names them all, whether or not a plugin for the kind is loaded.
std::set<std::string> section_names(const json& engagement_schema) {
  std::set<std::string> names;
  const json* kinds = &engagement_schema;
  for (const char* key : {"properties", "kind", "enum"}) {
    if (!kinds->is_object() || !kinds->contains(key)) return names;
    kinds = &kinds->at(key);
  }
  for (const auto& kind : *kinds) {
    if (kind.is_string()) names.insert(kind.get<std::string>());
  }
  return names;
}

}  // namespace

struct RecordValidator::Impl {
  CompiledSchema engagement;
  std::map<std::string, CompiledSchema> sections;  // by kind
  std::set<std::string> known_section_names;       // every section the engagement schema allows
  detail::ClauseCatalogue clauses;
  mutable valijson::Validator validator;

  // Validates `value` (found at `prefix` in `record`) against `schema`; appends issues.
  // Returns true when valid.
  bool run(const CompiledSchema& schema, const json& value, const std::vector<std::string>& prefix, const json& record,
           std::vector<ValidationIssue>& issues) const {
    valijson::adapters::NlohmannJsonAdapter target(value);
    // The fast path: most records are valid and a validation without results stops early.
    const bool valid = validator.validate(*schema.schema, target, nullptr);
    const auto mismatches = schema.patterns.mismatches(value);
    if (valid && mismatches.empty()) return true;
    const auto describe = [&](const std::vector<std::string>& context, const std::string& description) {
      if (auto issue = detail::describe_schema_error(context, description, prefix, record, schema.document)) {
        issues.push_back(std::move(*issue));
      }
    };
    if (!valid) {
      valijson::ValidationResults results;
      validator.validate(*schema.schema, target, &results);
      valijson::ValidationResults::Error error;
      while (results.popError(error)) describe(error.context, error.description);
    }
    // After valijson's: for an empty text, "must not be empty" says more than the pattern.
    for (const auto& mismatch : mismatches) {
      describe(mismatch.context, mismatch.kind == detail::SchemaMismatch::Kind::kPattern
                                     ? "Failed to match regex specified by 'pattern' constraint."
                                     : "Elements of array violate uniqueness constraint.");
    }
    return false;
  }
};

std::string both_languages(const ValidationIssue& issue) {
  return issue.message_ja.empty() ? issue.message : issue.message_ja + " / " + issue.message;
}

RecordValidator::RecordValidator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RecordValidator::RecordValidator(RecordValidator&&) noexcept = default;
RecordValidator& RecordValidator::operator=(RecordValidator&&) noexcept = default;
RecordValidator::~RecordValidator() = default;

Result<RecordValidator> RecordValidator::create(const PluginHost& plugins) {
  try {
    auto impl = std::make_unique<Impl>();
    impl->engagement = compile(engagement_schema_text(), "engagement records (schemas/engagement.schema.json)");
    impl->known_section_names = section_names(impl->engagement.document);
    for (const auto& loaded : plugins.plugins()) {
      const auto& description = loaded.description();
      for (const auto& kind : description.kinds) {
        impl->sections.emplace(kind, compile(loaded.section_schema(kind), "plugin '" + description.name + "' section '" + kind + "'"));
      }
      for (const auto& requirement : description.catalogue) {
        impl->clauses.requirement_ids.insert(requirement.id);
        if (requirement.contract_clause) impl->clauses.clause_ids.insert(requirement.id);
      }
    }
    for (const auto& requirement : core_catalogue()) impl->clauses.requirement_ids.insert(requirement.id);
    return RecordValidator(std::move(impl));
  } catch (const Error& error) {
    return error.status();
  }
}

std::vector<ValidationIssue> RecordValidator::validate(const json& record) const {
  std::vector<ValidationIssue> issues;
  if (!record.is_object()) {
    issues.push_back({"", "expected a JSON object (one engagement record), got " + detail::preview(record),
                      "JSON のオブジェクト（契約 1 件の記録）が必要です（入力値 " + detail::preview_ja(record) + "）"});
    return issues;
  }
  // Over a limit, nothing else is checked: every later step is then bounded by the limits.
  if (auto over_limits = detail::record_limit_issues(record); !over_limits.empty()) return over_limits;
  impl_->run(impl_->engagement, record, {}, record, issues);

  const auto kind_it = record.find("kind");
  const std::string* kind = kind_it != record.end() && kind_it->is_string() ? &kind_it->get_ref<const std::string&>() : nullptr;
  for (const auto& name : impl_->known_section_names) {
    auto section = record.find(name);
    if (section == record.end() || !kind) continue;
    if (name != *kind) {
      issues.push_back({"/" + name,
                        "section '" + name + "' belongs to records of kind '" + name + "', but this record is of kind '" +
                            *kind + "'",
                        "「" + name + "」欄は種別「" + name + "」の記録のものですが、この記録の種別は「" + *kind + "」です"});
    }
  }
  if (kind && impl_->known_section_names.count(*kind)) {
    auto compiled = impl_->sections.find(*kind);
    if (compiled == impl_->sections.end()) {
      issues.push_back({"/kind",
                        "no assessment plugin for kind '" + *kind +
                            "' is loaded, so this record cannot be checked (see `itaku plugins list`)",
                        "種別「" + *kind + "」の評価プラグインが読み込まれていないため、この記録を確認できません（itaku plugins list で確認）"});
    } else if (auto section = record.find(*kind); section != record.end() && section->is_object()) {
      impl_->run(compiled->second, *section, {*kind}, record, issues);
    }
  }
  detail::check_semantics(record, impl_->clauses, issues);

  // One issue per field: the first (most specific) message wins.
  std::set<std::string> seen;
  std::vector<ValidationIssue> unique;
  for (auto& issue : issues) {
    if (seen.insert(issue.path).second) unique.push_back(std::move(issue));
    if (unique.size() == kMaxIssues) break;
  }
  return unique;
}

Result<Engagement> RecordValidator::to_engagement(const json& record) const {
  auto issues = validate(record);
  if (!issues.empty()) {
    return Status(ErrorCode::kInvalidArgument, both_languages(issues.front()), issues.front().path);
  }
  try {
    return engagement_from_json(record);
  } catch (const Error& error) {
    return error.status();
  }
}

}  // namespace itaku
