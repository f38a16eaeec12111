// JSON Schema `pattern` checked with RE2, in time linear in the text, instead of by valijson.
//
// Debian's valijson 1.0 hard-codes std::regex, whose libstdc++ matcher recurses once per
// character: a 100,000-character `ref` exhausted the stack and killed the process. So the
// patterns are taken out of the schema valijson sees and checked here with RE2 on the same
// schema nodes, and the schema keywords that would still reach std::regex (`format`,
// `patternProperties`) are refused when a schema is compiled.
//
// `uniqueItems` is taken out the same way and checked here: valijson compares every pair of
// items and reports each repeated pair, so a list of 1,000 equal entries took minutes (n² errors,
// each described). Here a list is looked at once, in O(n log n).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace itaku::detail {

// A value a `pattern` rejects, or a list with a repeated item (`uniqueItems`): the valijson-style
// context ({"<root>", "[vendor]", "[name]"}) of the value.
struct SchemaMismatch {
  enum class Kind { kPattern, kRepeated };
  std::vector<std::string> context;
  Kind kind = Kind::kPattern;
};

class SchemaPatterns {
 public:
  // Compiles every `pattern` reachable in `document` (through properties, additionalProperties,
  // items, allOf and local $refs) and returns `document` without them for valijson. Throws
  // std::invalid_argument naming the schema location for a pattern RE2 cannot compile, a pattern
  // under a keyword this walker does not follow (anyOf, oneOf, not, if/then/else, ...), and any
  // `format` or `patternProperties`.
  static SchemaPatterns compile(const nlohmann::json& document, nlohmann::json& stripped_for_valijson);

  SchemaPatterns();
  SchemaPatterns(SchemaPatterns&&) noexcept;
  SchemaPatterns& operator=(SchemaPatterns&&) noexcept;
  ~SchemaPatterns();

  // Every string in `value` that its pattern rejects and every list with a repeated item; the
  // caller turns them into messages like valijson's errors. `value` must already be known to
  // nest only a few levels (record_limits.hpp).
  std::vector<SchemaMismatch> mismatches(const nlohmann::json& value) const;

  bool empty() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace itaku::detail
