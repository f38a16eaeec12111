#include "itaku/service/field_types.hpp"

#include "schema/schema_navigation.hpp"

#include <utility>

namespace itaku {
namespace {

// A schema node together with the document its local "$ref"s resolve against.
struct SchemaNode {
  const nlohmann::json* node = nullptr;
  const nlohmann::json* document = nullptr;
};

// The node with its local "$ref"s followed; a null node when a reference is broken or loops
// (such a field is unknown).
SchemaNode resolve(SchemaNode at) {
  if (!at.node) return {};
  const nlohmann::json* node = detail::resolve_schema_ref(*at.document, *at.node);
  return node ? SchemaNode{node, at.document} : SchemaNode{};
}

// The schema's "type" keyword; for a list of types, the first one that is not "null".
std::string declared_type(const nlohmann::json& node) {
  const auto type = node.find("type");
  if (type == node.end()) return {};
  if (type->is_string()) return type->get<std::string>();
  if (type->is_array()) {
    for (const auto& entry : *type) {
      if (entry.is_string() && entry != "null") return entry.get<std::string>();
    }
  }
  return {};
}

bool is_array_index(const std::string& segment) {
  if (segment.empty() || segment.size() > 9) return false;
  if (segment.size() > 1 && segment.front() == '0') return false;
  for (const char c : segment) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

SchemaNode property_of(SchemaNode object, const std::string& name) {
  const auto properties = object.node->find("properties");
  if (properties == object.node->end() || !properties->is_object()) return {};
  const auto property = properties->find(name);
  if (property == properties->end()) return {};
  return resolve({&*property, object.document});
}

SchemaNode items_of(SchemaNode array) {
  const auto items = array.node->find("items");
  if (items == array.node->end() || !items->is_object()) return {};
  return resolve({&*items, array.document});
}

std::optional<FieldType> field_type_of(SchemaNode node) {
  const std::string type = declared_type(*node.node);
  if (type == "string") return FieldType::kString;
  if (type == "integer") return FieldType::kInteger;
  if (type == "number") return FieldType::kNumber;
  if (type == "boolean") return FieldType::kBoolean;
  if (type == "object") return FieldType::kObject;
  if (type == "array") {
    const SchemaNode items = items_of(node);
    if (!items.node) return std::nullopt;
    const std::string item_type = declared_type(*items.node);
    if (item_type == "string") return FieldType::kStringArray;
    if (item_type == "object") return FieldType::kObjectArray;
  }
  return std::nullopt;
}

}  // namespace

FieldTypes::FieldTypes(nlohmann::json engagement, std::map<std::string, nlohmann::json> sections)
    : engagement_(std::move(engagement)), sections_(std::move(sections)) {}

std::optional<FieldType> FieldTypes::type_of(const std::vector<std::string>& path) const {
  if (path.empty() || !engagement_.is_object()) return std::nullopt;
  // A section ("cloud") is described by its plugin's schema, not by the engagement schema's
  // placeholder {"type": "object"}.
  SchemaNode node;
  if (const auto section = sections_.find(path.front()); section != sections_.end()) {
    node = resolve({&section->second, &section->second});
  } else {
    node = property_of({&engagement_, &engagement_}, path.front());
  }
  for (std::size_t i = 1; i < path.size() && node.node; ++i) {
    const std::optional<FieldType> container = field_type_of(node);
    if (container == FieldType::kObject) {
      node = property_of(node, path[i]);
    } else if (container == FieldType::kObjectArray && is_array_index(path[i])) {
      node = items_of(node);
    } else {
      return std::nullopt;
    }
  }
  if (!node.node || !node.node->is_object()) return std::nullopt;
  return field_type_of(node);
}

}  // namespace itaku
