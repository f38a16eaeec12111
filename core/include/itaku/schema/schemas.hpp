// The JSON Schemas in force: the engagement schema built into core and the section schemas
// the loaded plugins declare.
#pragma once

#include <string_view>

#include "itaku/plugin/host.hpp"
#include "itaku/io/field_types.hpp"

namespace itaku {

// Text of schemas/engagement.schema.json as built into this binary.
std::string_view engagement_schema_text() noexcept;

// Field types for CSV input, from the engagement schema and every loaded plugin's sections.
FieldTypes field_types_for(const PluginHost& plugins);

}  // namespace itaku
