#include "itaku/schema/schemas.hpp"

#include "kEngagementSchema.hpp"

namespace itaku {

std::string_view engagement_schema_text() noexcept { return kEngagementSchema; }

FieldTypes field_types_for(const PluginHost& plugins) {
  // Parsed keeping document order, so that CSV columns follow the schemas' order.
  std::map<std::string, nlohmann::ordered_json> sections;
  for (const auto& loaded : plugins.plugins()) {
    for (const auto& kind : loaded.description().kinds) {
      sections[kind] = nlohmann::ordered_json::parse(loaded.section_schema(kind));
    }
  }
  return FieldTypes(nlohmann::ordered_json::parse(kEngagementSchema), std::move(sections));
}

}  // namespace itaku
