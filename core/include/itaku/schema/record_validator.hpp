// Decides whether one engagement record is acceptable: the engagement schema, the schema of
// the kind's section declared by its plugin, then the checks JSON Schema cannot express
// (法人番号 check digit, real calendar dates, end >= start, clause IDs known to the loaded
// catalogues). Every problem is reported, each with the JSON Pointer of the field at fault.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "itaku/domain/engagement.hpp"
#include "itaku/error.hpp"
#include "itaku/plugin/host.hpp"

namespace itaku {

struct ValidationIssue {
  std::string path;        // JSON Pointer; for a missing property, the pointer of that property
  std::string message;     // what was expected (and what was found), in English
  std::string message_ja;  // the same in Japanese; "" where only the English exists
  friend bool operator==(const ValidationIssue&, const ValidationIssue&) = default;
};

// "Japanese / English" as one line for a person (a CLI error, a REST error's message).
std::string both_languages(const ValidationIssue& issue);

class RecordValidator {
 public:
  // Compiles the engagement schema and every loaded plugin's section schemas. Errors:
  // kInternal when a plugin's schema is not valid JSON Schema (names the plugin).
  static Result<RecordValidator> create(const PluginHost& plugins);

  RecordValidator(RecordValidator&&) noexcept;
  RecordValidator& operator=(RecordValidator&&) noexcept;
  ~RecordValidator();

  // Every problem found (at most kMaxIssues); empty when the record is valid.
  // Not thread-safe (the underlying validator caches regexes): use one per thread.
  std::vector<ValidationIssue> validate(const nlohmann::json& record) const;

  // The engagement of a valid record, or the first problem as kInvalidArgument with its path.
  Result<Engagement> to_engagement(const nlohmann::json& record) const;

  static constexpr size_t kMaxIssues = 50;

 private:
  struct Impl;
  explicit RecordValidator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace itaku
