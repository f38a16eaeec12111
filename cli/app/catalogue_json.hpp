// The plugins and the requirement catalogue as JSON, one shape for `itaku plugins list --format
// json` and for GET /api/v1/plugins and /api/v1/catalogue.
#pragma once

#include <nlohmann/json.hpp>

#include "itaku/catalogue/requirement.hpp"
#include "itaku/plugin/host.hpp"

namespace itaku::cli {

// {id, title {ja, en}, severity_by_tier, contract_clause, applies_when?, basis?}
nlohmann::json requirement_json(const Requirement& requirement);
// {host_api_version, core_catalogue, plugins: [{name, version, api_version, toolchain, file, kinds, catalogue}]}
nlohmann::json plugins_document(const PluginHost& host);

}  // namespace itaku::cli
