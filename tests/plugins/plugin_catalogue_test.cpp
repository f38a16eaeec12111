// What each built plugin declares before it assesses anything: its name, version, kinds, the
// requirement catalogue of docs/rules.md and the schema of its record section.
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "plugins/plugin_test_support.hpp"

namespace itaku::test {
namespace {

constexpr Severity kLow = Severity::kLow;
constexpr Severity kMedium = Severity::kMedium;
constexpr Severity kHigh = Severity::kHigh;
constexpr Severity kCritical = Severity::kCritical;

struct ExpectedRequirement {
  std::string id;
  TierSeverities severity;
  bool conditional;  // the rule book states when it applies, so the catalogue must say so too
};

struct ExpectedPlugin {
  std::string name;
  std::vector<ExpectedRequirement> requirements;
};

std::vector<ExpectedPlugin> expected_plugins() {
  const TierSeverities weakening = {kHigh, kMedium, kLow};
  const TierSeverities protective = {kCritical, kHigh, kMedium};
  auto same = [](Severity s) { return TierSeverities{s, s, s}; };
  return {
      {"contractor",
       {{"OUT-01", {kHigh, kHigh, kMedium}, false}, {"OUT-02", weakening, false}, {"OUT-03", weakening, false},
        {"OUT-04", weakening, false}, {"OUT-05", weakening, false}, {"OUT-06", weakening, false},
        {"OUT-07", protective, false}, {"OUT-08", protective, false}, {"OUT-09", protective, false},
        {"OUT-10", protective, false}, {"OUT-11", weakening, false}, {"OUT-12", weakening, false},
        {"OUT-13", weakening, false}, {"OUT-14", weakening, false}, {"OUT-15", {kCritical, kCritical, kHigh}, true},
        {"OUT-16", {kHigh, kHigh, kMedium}, true}, {"OUT-17", same(kMedium), true}}},
      {"cloud",
       {{"TOS-01", same(kCritical), true}, {"TOS-02", same(kMedium), true},
        // CLD rules apply only with 機密性2+, i.e. at tiers 1 and 2; tier 3 is checked separately.
        {"CLD-01", same(kHigh), true}, {"CLD-02", {kCritical, kHigh, kHigh}, true}, {"CLD-03", same(kHigh), true},
        {"CLD-04", same(kHigh), true}, {"CLD-05", same(kHigh), true}, {"CLD-06", same(kMedium), true},
        {"CLD-07", same(kMedium), true}, {"CLD-08", same(kLow), true}}},
      {"social_media",
       {{"SNS-01", same(kHigh), false}, {"SNS-02", same(kHigh), false}, {"SNS-03", same(kMedium), false},
        {"SNS-04", same(kHigh), false}, {"SNS-05", same(kCritical), true}, {"SNS-06", same(kMedium), false},
        {"SNS-07", same(kHigh), true}, {"SNS-08", same(kLow), false}}},
  };
}

// True when `text` holds a byte outside ASCII: Japanese text in UTF-8 always does.
bool has_non_ascii(const std::string& text) {
  for (const unsigned char c : text) {
    if (c >= 0x80) return true;
  }
  return false;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("plugins: name, version and kinds as the host sees them", "[plugin][catalogue]") {
  for (const auto& expected : expected_plugins()) {
    INFO(expected.name);
    const LoadedPlugin& loaded = loaded_plugin(expected.name);
    CHECK(loaded.description().name == expected.name);
    CHECK(loaded.description().version == "1.0.0");
    CHECK(loaded.description().kinds == std::vector<std::string>{expected.name});
    CHECK(loaded.plugin().kinds() == std::vector<std::string>{expected.name});
  }
}

TEST_CASE("plugins: every requirement of the rule book appears once, in order, with its severities",
          "[plugin][catalogue]") {
  for (const auto& expected : expected_plugins()) {
    const Catalogue catalogue = loaded_plugin(expected.name).plugin().catalogue();
    std::vector<std::string> ids;
    for (const auto& requirement : catalogue) ids.push_back(requirement.id);
    std::vector<std::string> expected_ids;
    for (const auto& requirement : expected.requirements) expected_ids.push_back(requirement.id);
    INFO(expected.name);
    REQUIRE(ids == expected_ids);
    CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());

    for (size_t i = 0; i < catalogue.size(); ++i) {
      const Requirement& requirement = catalogue[i];
      const ExpectedRequirement& want = expected.requirements[i];
      INFO(requirement.id);
      CHECK(has_non_ascii(requirement.title.ja));
      CHECK_FALSE(requirement.title.en.empty());
      CHECK(requirement.severity_by_tier == want.severity);
      CHECK(requirement.applies_when.ja.empty() == !want.conditional);
      CHECK(requirement.applies_when.en.empty() == !want.conditional);
    }
  }
}

TEST_CASE("plugins: the host's description carries the same catalogue", "[plugin][catalogue]") {
  for (const auto& expected : expected_plugins()) {
    INFO(expected.name);
    const LoadedPlugin& loaded = loaded_plugin(expected.name);
    const Catalogue direct = loaded.plugin().catalogue();
    const Catalogue& described = loaded.description().catalogue;
    REQUIRE(described.size() == direct.size());
    for (size_t i = 0; i < direct.size(); ++i) {
      CHECK(described[i].id == direct[i].id);
      CHECK(described[i].title == direct[i].title);
    }
  }
}

TEST_CASE("plugins: the contract clauses are exactly OUT-02..OUT-14", "[plugin][catalogue]") {
  std::vector<std::string> clauses;
  for (const auto& expected : expected_plugins()) {
    for (const auto& requirement : loaded_plugin(expected.name).plugin().catalogue()) {
      if (requirement.contract_clause) clauses.push_back(requirement.id);
    }
  }
  CHECK(clauses == all_contract_clauses());
}

TEST_CASE("plugins: section_schema() is the embedded schema file of the kind", "[plugin][catalogue]") {
  for (const auto& expected : expected_plugins()) {
    INFO(expected.name);
    const LoadedPlugin& loaded = loaded_plugin(expected.name);
    const std::string schema_text = loaded.plugin().section_schema(expected.name);
    const nlohmann::json schema = nlohmann::json::parse(schema_text);
    CHECK(schema.at("$id") == "https://itaku.invalid/schemas/v1/" + expected.name + ".schema.json");
    CHECK(schema.at("type") == "object");
    CHECK(schema_text == read_file(std::string(ITAKU_SOURCE_DIR) + "/schemas/" + expected.name + ".schema.json"));
    CHECK(loaded.section_schema(expected.name) == schema_text);
    CHECK(loaded.plugin().section_schema("no_such_kind").empty());
  }
}

}  // namespace itaku::test
