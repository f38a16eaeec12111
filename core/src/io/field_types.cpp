#include "itaku/io/field_types.hpp"

#include "schema/schema_navigation.hpp"

#include <algorithm>
#include <set>
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

// A declared property, else the object's "additionalProperties" schema (the `ledger` object
// holds any column header as a key).
SchemaNode property_of(SchemaNode object, const std::string& name) {
  const auto properties = object.node->find("properties");
  if (properties != object.node->end() && properties->is_object()) {
    if (const auto property = properties->find(name); property != properties->end()) {
      return resolve({&*property, object.document});
    }
  }
  const auto additional = object.node->find("additionalProperties");
  if (additional == object.node->end() || !additional->is_object()) return {};
  return resolve({&*additional, object.document});
}

// The schema's "pattern" keyword, or "" when it has none.
std::string pattern_of(const nlohmann::json& node) {
  const auto pattern = node.find("pattern");
  return pattern != node.end() && pattern->is_string() ? pattern->get<std::string>() : std::string();
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

// leaf_fields() walks the ordered copies of the schemas only to learn property names in document
// order; every decision about what a path is comes from type_of(), so a listed field is always
// one that the CSV reader accepts with the same type.
using OrderedJson = nlohmann::ordered_json;

// detail::resolve_schema_ref for the ordered copy (that helper takes nlohmann::json only).
const OrderedJson* resolve_ordered(const OrderedJson& document, const OrderedJson& node) {
  constexpr int kMaxRefHops = 16;  // a cycle of $refs must not hang the listing
  const OrderedJson* current = &node;
  for (int hop = 0; hop < kMaxRefHops; ++hop) {
    if (!current->is_object()) return current;
    const auto ref = current->find("$ref");
    if (ref == current->end()) return current;
    if (!ref->is_string()) return nullptr;
    const std::string& target = ref->get_ref<const std::string&>();
    if (target.rfind('#', 0) != 0) return nullptr;
    try {
      const OrderedJson::json_pointer pointer(target.substr(1));
      if (!document.contains(pointer)) return nullptr;
      current = &document.at(pointer);
    } catch (const nlohmann::json::exception&) {
      return nullptr;
    }
  }
  return nullptr;
}

class LeafLister {
 public:
  LeafLister(const FieldTypes& types, const FieldTypes::ItemCount& item_count, std::vector<FieldTypes::LeafField>& out)
      : types_(types), item_count_(item_count), out_(out) {}

  // Lists the fields under the schema `node` (of `document`) that describes `path_`.
  void list(const OrderedJson& document, const OrderedJson& node) {
    const OrderedJson* schema = resolve_ordered(document, node);
    // A schema that contains itself through $ref describes endlessly deep records: list it once.
    if (!schema || !schema->is_object() || std::find(open_.begin(), open_.end(), schema) != open_.end()) return;
    const std::optional<FieldType> type = types_.type_of(path_);
    if (!type) return;
    open_.push_back(schema);
    if (*type == FieldType::kObject) {
      const auto properties = schema->find("properties");
      if (properties != schema->end() && properties->is_object()) {
        for (const auto& [name, child] : properties->items()) list_child(name, document, child);
      }
    } else if (*type == FieldType::kObjectArray) {
      const auto items = schema->find("items");
      if (items != schema->end() && items->is_object()) {
        const std::size_t count = item_count_(path_);
        for (std::size_t index = 0; index < count; ++index) list_child(std::to_string(index), document, *items);
      }
    } else {
      out_.push_back({path_, *type});
    }
    open_.pop_back();
  }

  void list_child(const std::string& segment, const OrderedJson& document, const OrderedJson& node) {
    path_.push_back(segment);
    list(document, node);
    path_.pop_back();
  }

 private:
  const FieldTypes& types_;
  const FieldTypes::ItemCount& item_count_;
  std::vector<FieldTypes::LeafField>& out_;
  std::vector<std::string> path_;
  std::vector<const OrderedJson*> open_;  // the schemas of path_'s enclosing objects and arrays
};

template <typename Target, typename Source>
std::map<std::string, Target> convert_schemas(const std::map<std::string, Source>& schemas) {
  std::map<std::string, Target> converted;
  for (const auto& [name, schema] : schemas) converted.emplace(name, Target(schema));
  return converted;
}

}  // namespace

FieldTypes::FieldTypes(nlohmann::json engagement, std::map<std::string, nlohmann::json> sections)
    : engagement_(std::move(engagement)),
      sections_(std::move(sections)),
      ordered_engagement_(engagement_),
      ordered_sections_(convert_schemas<nlohmann::ordered_json>(sections_)) {}

FieldTypes::FieldTypes(const nlohmann::ordered_json& engagement,
                       const std::map<std::string, nlohmann::ordered_json>& sections)
    : engagement_(engagement),
      sections_(convert_schemas<nlohmann::json>(sections)),
      ordered_engagement_(engagement),
      ordered_sections_(sections) {}

std::optional<FieldType> FieldTypes::type_of(const std::vector<std::string>& path) const {
  const auto [node, document] = schema_of(path);
  if (!node) return std::nullopt;
  return field_type_of({node, document});
}

bool FieldTypes::is_date(const std::vector<std::string>& path) const {
  const nlohmann::json* node = schema_of(path).first;
  return node && declared_type(*node) == "string" && pattern_of(*node) == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
}

std::optional<std::size_t> FieldTypes::digit_count(const std::vector<std::string>& path) const {
  const nlohmann::json* node = schema_of(path).first;
  if (!node || declared_type(*node) != "string") return std::nullopt;
  const std::string pattern = pattern_of(*node);
  constexpr std::string_view kPrefix = "^[0-9]{", kSuffix = "}$";
  if (pattern.size() <= kPrefix.size() + kSuffix.size() || pattern.compare(0, kPrefix.size(), kPrefix) != 0 ||
      pattern.compare(pattern.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0) {
    return std::nullopt;
  }
  const std::string count = pattern.substr(kPrefix.size(), pattern.size() - kPrefix.size() - kSuffix.size());
  if (count.empty() || count.size() > 3 || !std::all_of(count.begin(), count.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return static_cast<std::size_t>(std::stoul(count));
}

std::pair<const nlohmann::json*, const nlohmann::json*> FieldTypes::schema_of(const std::vector<std::string>& path) const {
  if (path.empty() || !engagement_.is_object()) return {};
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
      return {};
    }
  }
  if (!node.node || !node.node->is_object()) return {};
  return {node.node, node.document};
}

std::vector<FieldTypes::LeafField> FieldTypes::leaf_fields(const ItemCount& item_count) const {
  std::vector<LeafField> fields;
  const auto properties = ordered_engagement_.find("properties");
  if (!ordered_engagement_.is_object() || properties == ordered_engagement_.end() || !properties->is_object()) {
    return fields;
  }
  LeafLister lister(*this, item_count, fields);
  std::set<std::string> sections_listed;
  for (const auto& [name, schema] : properties->items()) {
    if (const auto section = ordered_sections_.find(name); section != ordered_sections_.end()) {
      lister.list_child(name, section->second, section->second);
      sections_listed.insert(name);
    } else {
      lister.list_child(name, ordered_engagement_, schema);
    }
  }
  for (const auto& [name, schema] : ordered_sections_) {
    if (!sections_listed.contains(name)) lister.list_child(name, schema, schema);
  }
  return fields;
}

}  // namespace itaku
