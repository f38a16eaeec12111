#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <set>

#include "cli/run_itaku.hpp"
#include "itaku/plugin/api.hpp"

using itaku::test::run_itaku;
using nlohmann::json;

TEST_CASE("plugins list --format json names every plugin, version, API, kinds and catalogue", "[cli][plugin]") {
  const auto run = run_itaku({"plugins", "list", "--format", "json"});
  REQUIRE(run.exit_code == 0);
  const json listing = json::parse(run.out);
  CHECK(listing["host_api_version"] == std::to_string(ITAKU_PLUGIN_API_MAJOR) + "." + std::to_string(ITAKU_PLUGIN_API_MINOR));
  std::set<std::string> ids;
  for (const auto& requirement : listing["core_catalogue"]) ids.insert(requirement["id"]);
  REQUIRE(listing["plugins"].size() == 3);
  std::set<std::string> names;
  for (const auto& plugin : listing["plugins"]) {
    names.insert(plugin["name"]);
    CHECK_FALSE(plugin["version"].get<std::string>().empty());
    CHECK(plugin["api_version"] == listing["host_api_version"]);
    CHECK(plugin["kinds"].size() == 1);
    for (const auto& requirement : plugin["catalogue"]) {
      ids.insert(requirement["id"]);
      CHECK(requirement["severity_by_tier"].size() == 3);
      CHECK_FALSE(requirement["title"]["ja"].get<std::string>().empty());
    }
  }
  CHECK(names == std::set<std::string>{"contractor", "cloud", "social_media"});
  // 4 GEN + 17 OUT + 2 TOS + 8 CLD + 8 SNS
  CHECK(ids.size() == 39);
  CHECK(ids.count("OUT-17"));
  CHECK(ids.count("TOS-02"));
  CHECK(ids.count("SNS-08"));
}

TEST_CASE("plugins list as text and the top-level options", "[cli][plugin]") {
  const auto text = run_itaku({"plugins", "list"});
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("OUT-09") != std::string::npos);
  CHECK(run_itaku({"--version"}).out.find("itaku ") == 0);
  CHECK(run_itaku({}).exit_code == 2);
  CHECK(run_itaku({"--help"}).exit_code == 0);
  CHECK(run_itaku({"plugins"}).exit_code == 2);
}

TEST_CASE("docs/rules.md is what plugins list --format md prints from the catalogues", "[cli][plugin][docs]") {
  const auto run = run_itaku({"plugins", "list", "--format", "md"});
  REQUIRE(run.exit_code == 0);
  const std::string committed = itaku::test::read_file(std::string(ITAKU_SOURCE_DIR) + "/docs/rules.md");
  INFO("regenerate it: build/bin/itaku plugins list --format md > docs/rules.md");
  CHECK(run.out == committed);
  // Every requirement of core and of the three plugins, each with its guideline basis.
  for (const char* id : {"GEN-01", "GEN-04", "OUT-01", "OUT-17", "TOS-02", "CLD-08", "SNS-08"}) {
    CHECK(run.out.find(std::string("| ") + id) != std::string::npos);
  }
  CHECK(run.out.find("常に / always |\n") == std::string::npos);  // no requirement without a basis
}
