#include "app/catalogue_json.hpp"

#include <string>

namespace itaku::cli {

nlohmann::json requirement_json(const Requirement& requirement) {
  nlohmann::json severities = nlohmann::json::array();
  for (Severity severity : requirement.severity_by_tier) severities.push_back(std::string(severity_name(severity)));
  nlohmann::json out = {{"id", requirement.id},
                        {"title", {{"ja", requirement.title.ja}, {"en", requirement.title.en}}},
                        {"severity_by_tier", severities},
                        {"contract_clause", requirement.contract_clause}};
  if (!requirement.applies_when.ja.empty() || !requirement.applies_when.en.empty()) {
    out["applies_when"] = {{"ja", requirement.applies_when.ja}, {"en", requirement.applies_when.en}};
  }
  if (!requirement.basis.ja.empty() || !requirement.basis.en.empty()) {
    out["basis"] = {{"ja", requirement.basis.ja}, {"en", requirement.basis.en}};
  }
  return out;
}

nlohmann::json plugins_document(const PluginHost& host) {
  nlohmann::json plugins = nlohmann::json::array();
  for (const auto& loaded : host.plugins()) {
    const auto& d = loaded.description();
    nlohmann::json catalogue = nlohmann::json::array();
    for (const auto& requirement : d.catalogue) catalogue.push_back(requirement_json(requirement));
    plugins.push_back({{"name", d.name},
                       {"version", d.version},
                       {"api_version", std::to_string(d.api_major) + "." + std::to_string(d.api_minor)},
                       {"toolchain", d.toolchain},
                       {"file", d.file.string()},
                       {"kinds", d.kinds},
                       {"catalogue", catalogue}});
  }
  nlohmann::json core = nlohmann::json::array();
  for (const auto& requirement : core_catalogue()) core.push_back(requirement_json(requirement));
  return {{"host_api_version", std::to_string(ITAKU_PLUGIN_API_MAJOR) + "." + std::to_string(ITAKU_PLUGIN_API_MINOR)},
          {"core_catalogue", core},
          {"plugins", plugins}};
}

}  // namespace itaku::cli
